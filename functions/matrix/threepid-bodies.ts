/** Bodies of the requestToken and submit_token endpoints. */
import * as z from 'zod/mini';
import { CLIENT_SECRET } from './identifiers.js';

const upTo = (max: number) => z.string().check(z.maxLength(max));

/**
 * What both requestToken bodies carry besides the address. Spread around the address fields rather than
 * `extend`ed, so the keys keep their order: the first failing field is the one a client is told about.
 */
const requestTokenShape = {
  send_attempt: z.number().check(z.int(), z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER)),
  next_link: z.optional(upTo(2048)),
  id_server: z.optional(z.string()),
  id_access_token: z.optional(z.string()),
};
const clientSecret = z.string().check(z.regex(CLIENT_SECRET, 'must be 1-255 characters of [0-9a-zA-Z.=_-]'));

export const emailRequestTokenSchema = z.looseObject({ client_secret: clientSecret, email: upTo(500), ...requestTokenShape });

export const msisdnRequestTokenSchema = z.looseObject({
  client_secret: clientSecret,
  country: upTo(8),
  phone_number: upTo(64),
  ...requestTokenShape,
});

export const submitTokenSchema = z.looseObject({ sid: upTo(255), client_secret: upTo(255), token: upTo(255) });
