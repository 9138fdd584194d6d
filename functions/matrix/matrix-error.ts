import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ErrCode } from './errcodes.js';

/**
 * The one error type a request can fail with. It is rendered in exactly one place (the app's error
 * handler) as `{errcode, error, ...extra}` with its status; `headers` carries e.g. `Retry-After`.
 */
export class MatrixError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly errcode: ErrCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'MatrixError';
  }

  toJSON(): Record<string, unknown> {
    return { ...this.extra, errcode: this.errcode, error: this.message };
  }
}

export const badJson = (message: string) => new MatrixError(400, ErrCode.BadJson, message);
export const missingParam = (name: string) => new MatrixError(400, ErrCode.MissingParam, `Missing parameter: ${name}`);
export const invalidParam = (message: string) => new MatrixError(400, ErrCode.InvalidParam, message);
export const forbidden = (message: string) => new MatrixError(403, ErrCode.Forbidden, message);

/** A fault outside the client's control that a retry can clear (homeserver down, store throttled). */
export const temporarilyUnavailable = (message: string, retryAfterSeconds = 2) =>
  new MatrixError(503, ErrCode.Unknown, message, {}, { 'Retry-After': String(retryAfterSeconds) });
