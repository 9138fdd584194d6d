/** The body of `POST /account/3pid/add`: the validation it binds, and the UIA auth dict. */
import * as z from 'zod/mini';
import { CLIENT_SECRET, SID } from './identifiers.js';

export const addThreepidSchema = z.looseObject({
  sid: z.string().check(z.regex(SID, 'must be 1-255 characters of [0-9a-zA-Z.=_-]')),
  client_secret: z.string().check(z.regex(CLIENT_SECRET, 'must be 1-255 characters of [0-9a-zA-Z.=_-]')),
  auth: z.optional(z.record(z.string(), z.unknown())),
});
