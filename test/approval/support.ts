/** Helpers for the approval tests: a sign-up that ends waiting, the operator's calls, a password login, what the table holds. */
import { expect } from 'vitest';
import { REGISTER, type Harness } from '../support/harness.js';
import { operator } from '../gating/support.js';

export { OPERATOR_KEY, operator } from '../gating/support.js';
export const REQUESTS = '/_front_door/admin/v1/signup_requests';
export const PASSWORD = 'correct horse battery';

/** Terms then dummy for `username`; returns the final answer and the session. */
export async function finishFlow(h: Harness, username: string, headers: Record<string, string> = {}) {
  const first = await h.post(REGISTER, { username, password: PASSWORD }, { headers: { 'content-type': 'application/json', ...headers } });
  expect(first.status).toBe(401);
  const session = first.body.session as string;
  await h.post(REGISTER, { auth: { type: 'm.login.terms', session } });
  const final = await h.post(
    REGISTER,
    { auth: { type: 'm.login.dummy', session } },
    { headers: { 'content-type': 'application/json', ...headers } },
  );
  return { final, session };
}

/** The live pending request of `username`. */
export async function requestOf(h: Harness, username: string): Promise<Record<string, any>> {
  const list = await operator(h, REQUESTS);
  expect(list.status).toBe(200);
  const found = list.body.requests.find((r: { username: string }) => r.username === username);
  expect(found).toBeDefined();
  return found;
}

/** A password login against the homeserver itself, as the person would do after the approval. */
export async function login(url: string, user: string, password = PASSWORD) {
  const res = await fetch(`${url}/_matrix/client/v3/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'm.login.password', identifier: { type: 'm.id.user', user }, password }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

/** Every item of the table that still holds a sealed password of `username`'s sign-up. */
export async function sealedPasswords(h: Harness, username: string): Promise<Record<string, unknown>[]> {
  return (await h.items()).filter((item) => 'sealedPassword' in item && item.username === username);
}
