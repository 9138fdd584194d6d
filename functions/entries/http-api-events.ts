/**
 * API Gateway's HTTP API events (payload format 2.0, the only kind the stacks route to a function) as requests
 * to a Hono app, and its answers as the results API Gateway expects. The app sees the event, its request
 * context and Lambda's context in `c.env`, as with hono/aws-lambda, whose other event kinds (REST APIs, load
 * balancers, streamed answers) no front-door deployment uses. The request is built from the event's own
 * strings: a text body is not encoded to bytes first, and no answer is read twice.
 */
import type { Hono } from 'hono';
import { unrecognized } from '../matrix/errors.js';
import { jsonLogger, type Logger } from '../model/log.js';

export interface HttpApiEvent {
  version: string;
  rawPath: string;
  rawQueryString?: string;
  cookies?: string[];
  headers?: Record<string, string | undefined>;
  requestContext: { domainName?: string; http: { method: string }; [key: string]: unknown };
  body?: string | null;
  isBase64Encoded?: boolean;
}

export interface HttpApiResult {
  statusCode: number;
  headers: Record<string, string>;
  cookies?: string[];
  body: string;
  isBase64Encoded: boolean;
}

export type HttpApiHandler = (event: HttpApiEvent, context?: unknown) => Promise<HttpApiResult>;

/** Answers API Gateway hands over as text; anything else (images, fonts, compressed bodies) goes as base64. */
const TEXT_TYPE = /^(text\/|application\/(json|javascript|xml|x-www-form-urlencoded)\b|image\/svg\+xml\b|[^;]*\+(json|xml)\b)/i;

/** A value the fetch classes cannot carry (beyond Latin-1) is passed on percent-encoded, as hono/aws-lambda does. */
const headerValue = (value: string) => (/[^\x00-\x7F]/.test(value) ? encodeURIComponent(value) : value);

function requestOf(event: HttpApiEvent): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(event.headers ?? {})) if (value) headers.set(name, headerValue(value));
  if (event.cookies?.length) headers.set('cookie', event.cookies.join('; '));
  const host = event.requestContext.domainName ?? event.headers?.host;
  const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
  const url = `https://${host}${event.rawPath}${query}`;
  const method = event.requestContext.http.method;
  if (!event.body || method === 'GET' || method === 'HEAD') return new Request(url, { method, headers });
  const body = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : event.body;
  headers.set('content-length', String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength));
  return new Request(url, { method, headers, body });
}

async function resultOf(answer: Response): Promise<HttpApiResult> {
  const headers: Record<string, string> = {};
  answer.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = answer.headers.getSetCookie();
  const text = TEXT_TYPE.test(headers['content-type'] ?? 'text/plain') && !headers['content-encoding'];
  return {
    statusCode: answer.status,
    headers,
    ...(cookies.length > 0 ? { cookies } : {}),
    body: text ? await answer.text() : Buffer.from(await answer.arrayBuffer()).toString('base64'),
    isBase64Encoded: !text,
  };
}

/** The app as a Lambda handler for HTTP API events. */
export function httpApiHandler(app: Hono, log: Logger = jsonLogger()): HttpApiHandler {
  return async (event, context) => {
    let request: Request;
    try {
      if (event.version !== '2.0') throw new TypeError('not an HTTP API event of payload format 2.0');
      request = requestOf(event);
    } catch (error) {
      // Not a request the app could be asked: another kind of event, or a URL or header the fetch classes refuse.
      // The error's text may quote a header's value (a token, say): only its kind is logged.
      log.error('unreadable_request', { version: String(event?.version), error: (error as Error).name });
      const refused = unrecognized('Unrecognized request', 400);
      return resultOf(Response.json(refused.toJSON(), { status: refused.status }));
    }
    return resultOf(await app.fetch(request, { event, requestContext: event.requestContext, lambdaContext: context }));
  };
}
