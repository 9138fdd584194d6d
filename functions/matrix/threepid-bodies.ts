/** Bodies of the requestToken and submit_token endpoints. */
import * as z from 'zod';
import { CLIENT_SECRET } from './identifiers.js';

/**
 * What both requestToken bodies carry besides the address. Spread around the address fields rather than
 * `.extend`ed, so the keys keep their order: the first failing field is the one a client is told about.
 */
const requestTokenShape = {
  send_attempt: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  next_link: z.string().max(2048).optional(),
  id_server: z.string().optional(),
  id_access_token: z.string().optional(),
};
const clientSecret = z.string().regex(CLIENT_SECRET, 'must be 1-255 characters of [0-9a-zA-Z.=_-]');

export const emailRequestTokenSchema = z
  .object({ client_secret: clientSecret, email: z.string().max(500), ...requestTokenShape })
  .passthrough();

export const msisdnRequestTokenSchema = z
  .object({ client_secret: clientSecret, country: z.string().max(8), phone_number: z.string().max(64), ...requestTokenShape })
  .passthrough();

export const submitTokenSchema = z
  .object({ sid: z.string().max(255), client_secret: z.string().max(255), token: z.string().max(255) })
  .passthrough();
