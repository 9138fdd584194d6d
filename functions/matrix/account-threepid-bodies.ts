/** The body of `POST /account/3pid/add`: the validation it binds, and the UIA auth dict. */
import * as z from 'zod';
import { CLIENT_SECRET, SID } from './identifiers.js';

export const addThreepidSchema = z
  .object({
    sid: z.string().regex(SID, 'must be 1-255 characters of [0-9a-zA-Z.=_-]'),
    client_secret: z.string().regex(CLIENT_SECRET, 'must be 1-255 characters of [0-9a-zA-Z.=_-]'),
    auth: z.record(z.string(), z.unknown()).optional(),
  })
  .passthrough();
