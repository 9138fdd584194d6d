// Owns the Matrix errcodes the dev homeserver answers with and the one error type its handlers throw.

export const ErrCode = {
  Unknown: 'M_UNKNOWN',
  Forbidden: 'M_FORBIDDEN',
  NotFound: 'M_NOT_FOUND',
  Unrecognized: 'M_UNRECOGNIZED',
  NotJson: 'M_NOT_JSON',
  BadJson: 'M_BAD_JSON',
  MissingParam: 'M_MISSING_PARAM',
  InvalidParam: 'M_INVALID_PARAM',
  MissingToken: 'M_MISSING_TOKEN',
  UnknownToken: 'M_UNKNOWN_TOKEN',
  UserInUse: 'M_USER_IN_USE',
  InvalidUsername: 'M_INVALID_USERNAME',
  UserDeactivated: 'M_USER_DEACTIVATED',
  TooLarge: 'M_TOO_LARGE',
} as const;

export type ErrCode = (typeof ErrCode)[keyof typeof ErrCode];

/**
 * A Matrix error as Synapse renders it: `{errcode, error, ...extra}` with an HTTP status. Named apart from the
 * port's HomeserverError, which is what the front door's adapters make of such a reply.
 */
export class SynapseErrorReply extends Error {
  constructor(
    readonly status: number,
    readonly errcode: ErrCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'SynapseErrorReply';
  }

  toBody(): Record<string, unknown> {
    return { errcode: this.errcode, error: this.message, ...this.extra };
  }
}

export const USER_NOT_FOUND = 'User not found';
export const USER_IN_USE = 'User ID already taken.';

export const notFound = (message = 'Not found') => new SynapseErrorReply(404, ErrCode.NotFound, message);
export const badRequest = (message: string, errcode: ErrCode = ErrCode.Unknown) => new SynapseErrorReply(400, errcode, message);
export const forbidden = (message: string, errcode: ErrCode = ErrCode.Forbidden) => new SynapseErrorReply(403, errcode, message);
export const unrecognized = (status: 400 | 404 | 405) => new SynapseErrorReply(status, ErrCode.Unrecognized, 'Unrecognized request');
export const internalError = () => new SynapseErrorReply(500, ErrCode.Unknown, 'Internal server error');
