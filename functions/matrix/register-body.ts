/** The body of `POST /register`, checked once; a wrong shape becomes the Matrix error the spec gives. */
import * as z from 'zod/mini';
import { invalidParam } from './errors.js';
import { parseWith } from './parse-body.js';
import { SESSION_ID } from './identifiers.js';

const upTo = (max: number) => z.optional(z.string().check(z.maxLength(max)));

const authDict = z.looseObject({ type: upTo(255), session: upTo(255) });

export const registerBodySchema = z.looseObject({
  auth: z.optional(authDict),
  // Synapse refuses anything over 512 characters before looking at it.
  username: upTo(512),
  password: upTo(4096),
  device_id: z.optional(z.string().check(z.minLength(1), z.maxLength(512))),
  initial_device_display_name: upTo(512),
  inhibit_login: z.optional(z.boolean()),
  refresh_token: z.optional(z.boolean()),
});

export type RegisterBody = z.infer<typeof registerBodySchema>;

export function parseRegisterBody(raw: unknown): RegisterBody {
  const body = parseWith(registerBodySchema, raw);
  if (body.auth?.session !== undefined && !SESSION_ID.test(body.auth.session)) {
    throw invalidParam('auth.session is not a session id');
  }
  return body;
}
