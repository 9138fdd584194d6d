/** The body of `POST /register`, checked once; a wrong shape becomes the Matrix error the spec gives. */
import * as z from 'zod';
import { invalidParam } from './errors.js';
import { parseWith } from './parse-body.js';
import { SESSION_ID } from './identifiers.js';

const authDict = z
  .object({
    type: z.string().max(255).optional(),
    session: z.string().max(255).optional(),
  })
  .passthrough();

export const registerBodySchema = z
  .object({
    auth: authDict.optional(),
    // Synapse refuses anything over 512 characters before looking at it.
    username: z.string().max(512).optional(),
    password: z.string().max(4096).optional(),
    device_id: z.string().min(1).max(512).optional(),
    initial_device_display_name: z.string().max(512).optional(),
    inhibit_login: z.boolean().optional(),
    refresh_token: z.boolean().optional(),
  })
  .passthrough();

export type RegisterBody = z.infer<typeof registerBodySchema>;

export function parseRegisterBody(raw: unknown): RegisterBody {
  const body = parseWith(registerBodySchema, raw);
  if (body.auth?.session !== undefined && !SESSION_ID.test(body.auth.session)) {
    throw invalidParam('auth.session is not a session id');
  }
  return body;
}
