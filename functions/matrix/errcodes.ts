/** The Matrix error codes the front door answers with (client-server spec, "Standard error response"). */
export const ErrCode = {
  Forbidden: 'M_FORBIDDEN',
  Unrecognized: 'M_UNRECOGNIZED',
  NotJson: 'M_NOT_JSON',
  BadJson: 'M_BAD_JSON',
  MissingParam: 'M_MISSING_PARAM',
  InvalidParam: 'M_INVALID_PARAM',
  Unauthorized: 'M_UNAUTHORIZED',
  UserInUse: 'M_USER_IN_USE',
  InvalidUsername: 'M_INVALID_USERNAME',
  Exclusive: 'M_EXCLUSIVE',
  WeakPassword: 'M_WEAK_PASSWORD',
  GuestAccessForbidden: 'M_GUEST_ACCESS_FORBIDDEN',
  LimitExceeded: 'M_LIMIT_EXCEEDED',
  TooLarge: 'M_TOO_LARGE',
  ThreepidInUse: 'M_THREEPID_IN_USE',
  ThreepidDenied: 'M_THREEPID_DENIED',
  ThreepidMediumNotSupported: 'M_THREEPID_MEDIUM_NOT_SUPPORTED',
  ThreepidAuthFailed: 'M_THREEPID_AUTH_FAILED',
  ThreepidNotFound: 'M_THREEPID_NOT_FOUND',
  SessionExpired: 'M_SESSION_EXPIRED',
  NotFound: 'M_NOT_FOUND',
  CaptchaNeeded: 'M_CAPTCHA_NEEDED',
  CaptchaInvalid: 'M_CAPTCHA_INVALID',
  MissingToken: 'M_MISSING_TOKEN',
  UnknownToken: 'M_UNKNOWN_TOKEN',
  /** MSC3866: the sign-up waits for an operator's approval. */
  UserAwaitingApproval: 'M_USER_AWAITING_APPROVAL',
  Unknown: 'M_UNKNOWN',
} as const;

export type ErrCode = (typeof ErrCode)[keyof typeof ErrCode];
