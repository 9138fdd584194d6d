/**
 * The Matrix errors the front door answers with: the one error type, and one constructor per error, so
 * each status, errcode and text is written once. Tests assert these texts; change them only on purpose.
 */
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

// The request itself
export const notJson = () => new MatrixError(400, ErrCode.NotJson, 'Content not JSON.');
export const badJson = (message: string) => new MatrixError(400, ErrCode.BadJson, message);
export const missingParam = (name: string) => new MatrixError(400, ErrCode.MissingParam, `Missing parameter: ${name}`);
export const invalidParam = (message: string) => new MatrixError(400, ErrCode.InvalidParam, message);
/** `headers` lets a body too large to drain say `Connection: close`. */
export const tooLarge = (headers: Record<string, string> = {}) =>
  new MatrixError(413, ErrCode.TooLarge, 'Request body too large', {}, headers);
/** No such endpoint (404), or a known path asked with a method it does not take (405, as the spec gives). */
export const unrecognized = (message = 'Unrecognized request', status: 400 | 404 | 405 = 404) =>
  new MatrixError(status, ErrCode.Unrecognized, message);
export const methodNotAllowed = () => unrecognized('Unrecognized request', 405);
export const unknownLoginType = () => unrecognized('Unrecognised login type', 400);
export const notFound = (message: string) => new MatrixError(404, ErrCode.NotFound, message);

// Who may ask
export const forbidden = (message: string) => new MatrixError(403, ErrCode.Forbidden, message);
export const registrationDisabled = () => forbidden('Registration has been disabled');
export const guestAccessForbidden = () => new MatrixError(403, ErrCode.GuestAccessForbidden, 'Guest access is disabled');
export const unauthorized = (message: string) => new MatrixError(401, ErrCode.Unauthorized, message);
export const missingToken = () => new MatrixError(401, ErrCode.MissingToken, 'Missing access token');
export const unknownToken = () => new MatrixError(401, ErrCode.UnknownToken, 'Unrecognised access token');
export const unknownSession = () => new MatrixError(400, ErrCode.Unknown, 'Unknown or expired session');

// The account asked for
export const userInUse = () => new MatrixError(400, ErrCode.UserInUse, 'User ID already taken.');
export const invalidUsername = (message: string) => new MatrixError(400, ErrCode.InvalidUsername, message);
/** The name lies in an application service's exclusive namespace. */
export const exclusive = (message: string) => new MatrixError(400, ErrCode.Exclusive, message);
export const weakPassword = (message: string) => new MatrixError(400, ErrCode.WeakPassword, message);

/**
 * MSC3866: the flow is done, but the account waits for an operator. `medium` says how the person will be
 * told of the decision (`m.email`, `m.msisdn` — the front door's own value for SMS — or `m.none`).
 */
export const userAwaitingApproval = (medium: string) =>
  new MatrixError(403, ErrCode.UserAwaitingApproval, 'This account is pending approval by a server administrator.', {
    approval_notice_medium: medium,
  });
/**
 * The final call of a sign-up an operator approved, repeated asking for a login: the account exists, but
 * no login can be made here (its password was deleted when it was made). `user_id` names whom to log in as.
 */
export const approvedLogInInstead = (userId: string) =>
  new MatrixError(403, ErrCode.Forbidden, `This sign-up was approved and the account ${userId} exists: log in with your password`, {
    user_id: userId,
  });

// Email addresses and phone numbers
export const threepidInUse = (message: string) => new MatrixError(400, ErrCode.ThreepidInUse, message);
export const threepidDenied = (message: string) => new MatrixError(403, ErrCode.ThreepidDenied, message);
/** `what` is 'Email' or 'Phone'. */
export const mediumNotSupported = (what: string) =>
  new MatrixError(400, ErrCode.ThreepidMediumNotSupported, `${what} verification is not offered on this server`);
/**
 * An operator paused sending (the live switch `pause-email` or `pause-sms`): the spec's error for a medium
 * the server cannot use, worded as a pause, so clients show it and the person can try later or another way.
 */
export const mediumPaused = (what: 'Email' | 'Phone') =>
  new MatrixError(400, ErrCode.ThreepidMediumNotSupported, `${what} verification is paused on this server for now; try again later`);

/** Password reset: no account uses the address (requestToken, as Synapse: 400 M_THREEPID_NOT_FOUND). */
export const threepidNotFound = (what: 'Email' | 'Phone number') => new MatrixError(400, ErrCode.ThreepidNotFound, `${what} not found`);
/** Password reset: the proven address has no (active) account any more when the password is to be set (Synapse: 404). */
export const resetAddressNotFound = () => new MatrixError(404, ErrCode.NotFound, 'Email address not found');
/** Password reset: the session already set its password, and this call asks for another one. */
export const resetAlreadyDone = () => new MatrixError(400, ErrCode.Unknown, 'This password reset is already complete');
// Operator decisions on pending sign-ups
/** The request was decided already (another operator, or an earlier call): its decision stands. */
export const alreadyDecided = (state: string) =>
  new MatrixError(409, ErrCode.Unknown, `This sign-up request was already ${state}`, { state });
/** The request's deadline passed: its password is destroyed, nothing can be made of it any more. */
export const requestExpired = () =>
  new MatrixError(410, ErrCode.NotFound, 'This sign-up request has expired: its deadline passed and its password was destroyed', {
    state: 'expired',
  });

// Try again later
/** Too many requests: `Retry-After` (the spec's header) and `retry_after_ms` (older clients read it). */
export const limitExceeded = (retryAfterSeconds: number, message = 'Too many requests; try again later') =>
  new MatrixError(
    429,
    ErrCode.LimitExceeded,
    message,
    { retry_after_ms: retryAfterSeconds * 1000 },
    { 'Retry-After': String(retryAfterSeconds) },
  );

/** A fault outside the client's control that a retry can clear (homeserver down, store throttled). */
export const temporarilyUnavailable = (message: string, retryAfterSeconds = 2) =>
  new MatrixError(503, ErrCode.Unknown, message, {}, { 'Retry-After': String(retryAfterSeconds) });

/** The homeserver behind a pass-through gave no answer (502) or none in time (504). */
export const homeserverUnreachable = () => new MatrixError(502, ErrCode.Unknown, 'The homeserver could not be reached; try again shortly');
export const homeserverTimedOut = () => new MatrixError(504, ErrCode.Unknown, 'The homeserver did not answer in time; try again shortly');

/** Our own fault; the text says nothing of what went wrong inside. */
export const internalError = (message = 'Internal server error') => new MatrixError(500, ErrCode.Unknown, message);
