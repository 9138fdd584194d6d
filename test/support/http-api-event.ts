/** An API Gateway HTTP API (payload 2.0) event, as Lambda receives it, for a path with its query. */
export function httpApiEvent(method: string, pathAndQuery: string, body?: unknown, headers: Record<string, string> = {}) {
  const [path, query = ''] = pathAndQuery.split('?') as [string, string?];
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: query,
    headers: {
      host: 'matrix.example.org',
      origin: 'https://app.example.org',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'matrix.example.org',
      domainPrefix: 'matrix',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'test' },
      requestId: 'req',
      routeKey: '$default',
      stage: '$default',
      time: '23/Nov/2026:12:00:00 +0000',
      timeEpoch: 1795000000000,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    isBase64Encoded: false,
  };
}
