/** UIA stage identifiers (client-server spec, "Authentication types"). */
export const LoginType = {
  Dummy: 'm.login.dummy',
  Terms: 'm.login.terms',
  Recaptcha: 'm.login.recaptcha',
  RegistrationToken: 'm.login.registration_token',
  EmailIdentity: 'm.login.email.identity',
  Msisdn: 'm.login.msisdn',
} as const;

export type LoginType = (typeof LoginType)[keyof typeof LoginType];
