/**
 * The grammar of the opaque identifiers clients send back (client-server spec): a `client_secret`, the
 * `sid` of a validation session, a UIA `session`. Each is 1-255 characters of [0-9a-zA-Z.=_-].
 */

/** `client_secret`, as the spec defines it for requestToken. */
export const CLIENT_SECRET = /^[0-9a-zA-Z.=_-]{1,255}$/;
/** The `sid` of a validation session: the spec gives it the client_secret's grammar. */
export const SID = CLIENT_SECRET;
/** A UIA session id; the front door makes them of the same characters. */
export const SESSION_ID = CLIENT_SECRET;
