/** Bodies of the requestToken and submit_token endpoints. */
import * as z from 'zod';
import { CLIENT_SECRET } from './identifiers.js';

const clientSecret = z.string().regex(CLIENT_SECRET, 'must be 1-255 characters of [0-9a-zA-Z.=_-]');
const sendAttempt = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const nextLink = z.string().max(2048).optional();

export const emailRequestTokenSchema = z
  .object({
    client_secret: clientSecret,
    email: z.string().max(500),
    send_attempt: sendAttempt,
    next_link: nextLink,
    id_server: z.string().optional(),
    id_access_token: z.string().optional(),
  })
  .passthrough();

export const msisdnRequestTokenSchema = z
  .object({
    client_secret: clientSecret,
    country: z.string().max(8),
    phone_number: z.string().max(64),
    send_attempt: sendAttempt,
    next_link: nextLink,
    id_server: z.string().optional(),
    id_access_token: z.string().optional(),
  })
  .passthrough();

export const submitTokenSchema = z
  .object({ sid: z.string().max(255), client_secret: z.string().max(255), token: z.string().max(255) })
  .passthrough();
