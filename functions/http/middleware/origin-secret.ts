/**
 * With CloudFront and WAF in front of the front door (deployment.frontDoorCdn): a request without the secret
 * header CloudFront adds came around WAF, straight to the execute-api URL, and is refused before any route.
 */
import type { MiddlewareHandler } from 'hono';
import { Hono } from 'hono/tiny';
import { sameSecret } from '../../crypto/same-secret.js';
import { forbidden } from '../../matrix/errors.js';

export interface OriginSecret {
  /** The header's name, lower-case (API Gateway hands header names over in lower case). */
  header: string;
  value: string;
}

export function requireOriginSecret(secret: OriginSecret): MiddlewareHandler {
  if (secret.value.length < 16) throw new Error('the origin secret must be at least 16 characters');
  const header = secret.header.toLowerCase();
  return async function originSecret(c, next) {
    const given = c.req.header(header);
    if (given === undefined || !sameSecret(given, secret.value)) {
      const refused = forbidden('Requests must come through the front door’s CDN');
      return c.json(refused.toJSON(), 403);
    }
    await next();
  };
}

/** The app behind the check: the inner app keeps its own 404 and error answers, and sees the same Lambda event. */
export function behindOriginSecret(app: Hono, secret: OriginSecret): Hono {
  const outer = new Hono();
  outer.use('*', requireOriginSecret(secret));
  outer.all('*', (c) => app.fetch(c.req.raw, c.env));
  return outer;
}
