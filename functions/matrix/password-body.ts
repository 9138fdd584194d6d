/** The body of `POST /account/password` (client-server spec), checked once as Synapse does. */
import * as z from 'zod';
import { invalidParam } from './errors.js';
import { SESSION_ID } from './identifiers.js';
import { parseWith } from './parse-body.js';

export const passwordBodySchema = z
  .object({
    auth: z
      .object({ type: z.string().max(255).optional(), session: z.string().max(255).optional() })
      .passthrough()
      .optional(),
    // Synapse refuses a new password over 512 characters before anything else.
    new_password: z.string().max(512).optional(),
    logout_devices: z.boolean().optional(),
  })
  .passthrough();

export type PasswordBody = z.infer<typeof passwordBodySchema>;

export function parsePasswordBody(raw: unknown): PasswordBody {
  const body = parseWith(passwordBodySchema, raw);
  if (body.auth?.session !== undefined && !SESSION_ID.test(body.auth.session)) throw invalidParam('auth.session is not a session id');
  return body;
}
