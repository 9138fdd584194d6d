/**
 * What an address added without an access token may cost (`threepid.addWithoutToken`), apart from the config
 * schema (threepid-config.ts): the account routes read it at every cold start, the schema is built only to parse.
 */
export const TokenlessAdd = { Allow: 'allow', Gate: 'gate', Refuse: 'refuse' } as const;
export type TokenlessAdd = (typeof TokenlessAdd)[keyof typeof TokenlessAdd];
