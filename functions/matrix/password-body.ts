/** The body of `POST /account/password` (client-server spec), checked once as Synapse does. */
import * as z from 'zod/mini';
import { invalidParam } from './errors.js';
import { SESSION_ID } from './identifiers.js';
import { parseWith } from './parse-body.js';

const upTo = (max: number) => z.optional(z.string().check(z.maxLength(max)));

export const passwordBodySchema = z.looseObject({
  auth: z.optional(z.looseObject({ type: upTo(255), session: upTo(255) })),
  // Synapse refuses a new password over 512 characters before anything else.
  new_password: upTo(512),
  logout_devices: z.optional(z.boolean()),
});

export type PasswordBody = z.infer<typeof passwordBodySchema>;

export function parsePasswordBody(raw: unknown): PasswordBody {
  const body = parseWith(passwordBodySchema, raw);
  if (body.auth?.session !== undefined && !SESSION_ID.test(body.auth.session)) throw invalidParam('auth.session is not a session id');
  return body;
}
