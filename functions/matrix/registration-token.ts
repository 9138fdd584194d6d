/** The grammar of a registration token (client-server spec, `m.login.registration_token`): 1 to 64 of `[A-Za-z0-9._~-]`. */
export const TOKEN_GRAMMAR = /^[A-Za-z0-9._~-]{1,64}$/;
