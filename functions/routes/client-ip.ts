/** The address of the client, from the Lambda event or the local socket; never from a header unless trusted. */
import type { Context } from 'hono';

export function clientIp(c: Context): string {
  const lambda = (c.env as { event?: { requestContext?: { http?: { sourceIp?: string } } } } | undefined)?.event;
  const fromLambda = lambda?.requestContext?.http?.sourceIp;
  if (fromLambda) return fromLambda;
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}
