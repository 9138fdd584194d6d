/**
 * The operator API for sign-ups waiting for approval, under `/_front_door/admin/v1/signup_requests`: list
 * (paginated), read one, approve, deny with a reason (shared with the person or not), one or many at once.
 */
import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import { invalidParam, MatrixError, unrecognized } from '../../matrix/errors.js';
import type { PendingRequest } from '../../model/pending-request.js';
import type { Approvals, Decision } from '../../uia/approvals.js';
import { readJsonObject } from '../read-json.js';
import { operatorAuth, operatorOf, type OperatorCredential } from './operator-auth.js';

export const SIGNUP_REQUESTS_PATH = '/signup_requests';
const MAX_BULK = 100;
const MAX_REASON = 1000;

export interface ApprovalRouteDeps {
  approvals: Approvals;
  operatorKeys?: string | readonly OperatorCredential[];
  serverName: string;
}

export function approvalRoutes(deps: ApprovalRouteDeps): Hono {
  const { approvals, serverName } = deps;
  const routes = new Hono();
  routes.use(SIGNUP_REQUESTS_PATH, operatorAuth(deps.operatorKeys));
  routes.use(`${SIGNUP_REQUESTS_PATH}/*`, operatorAuth(deps.operatorKeys));

  routes.get(SIGNUP_REQUESTS_PATH, async (c) => {
    const limit = Number(c.req.query('limit') ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw invalidParam('limit must be an integer from 1 to 500');
    const from = c.req.query('from');
    if (from !== undefined && !/^[0-9]{15}\.[A-Za-z]{16}$/.test(from))
      throw invalidParam('from must be a next_from value from an earlier page');
    const page = await approvals.list(limit, from);
    return c.json({ requests: page.requests.map((r) => view(r, serverName)), ...(page.next ? { next_from: page.next } : {}) });
  });

  routes.post(`${SIGNUP_REQUESTS_PATH}/approve`, async (c) => {
    const ids = idsOf(await readJsonObject(c));
    return c.json({ results: await each(ids, (id) => approvals.approve(id, operatorOf(c))) });
  });

  routes.post(`${SIGNUP_REQUESTS_PATH}/deny`, async (c) => {
    const body = await readJsonObject(c);
    const { reason, share } = denialOf(body);
    return c.json({ results: await each(idsOf(body), (id) => approvals.deny(id, operatorOf(c), reason, share)) });
  });

  routes.get(`${SIGNUP_REQUESTS_PATH}/:id`, async (c) => c.json(view(await approvals.get(idParam(c)), serverName)));

  routes.post(`${SIGNUP_REQUESTS_PATH}/:id/approve`, async (c) => c.json(decisionView(await approvals.approve(idParam(c), operatorOf(c)))));

  routes.post(`${SIGNUP_REQUESTS_PATH}/:id/deny`, async (c) => {
    // A denial without a reason may come without a body.
    const body = (await c.req.text()).trim() === '' ? {} : await readJsonObject(c);
    const { reason, share } = denialOf(body);
    return c.json(decisionView(await approvals.deny(idParam(c), operatorOf(c), reason, share)));
  });

  routes.all(`${SIGNUP_REQUESTS_PATH}/*`, () => {
    throw unrecognized();
  });
  return routes;
}

const ID = /^[0-9]{15}\.[A-Za-z]{16}$/;

function idParam(c: Context): string {
  const id = c.req.param('id') ?? '';
  if (!ID.test(id)) throw invalidParam('Not a sign-up request id');
  return id;
}

function idsOf(body: Record<string, unknown>): string[] {
  const { ids } = body;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_BULK || ids.some((id) => typeof id !== 'string' || !ID.test(id))) {
    throw invalidParam(`ids must list 1 to ${MAX_BULK} sign-up request ids`);
  }
  return [...new Set(ids as string[])];
}

function denialOf(body: Record<string, unknown>): { reason?: string; share: boolean } {
  const { reason, share_reason: share } = body;
  if (reason !== undefined && (typeof reason !== 'string' || reason.length > MAX_REASON))
    throw invalidParam(`reason must be a string of at most ${MAX_REASON} characters`);
  if (share !== undefined && typeof share !== 'boolean') throw invalidParam('share_reason must be true or false');
  return { reason: (reason as string | undefined)?.trim() || undefined, share: share === true };
}

/** One by one (each decision is its own conditional write); a refusal of one is its result, not the call's. */
async function each(ids: string[], decide: (id: string) => Promise<Decision>) {
  const results: Record<string, unknown>[] = [];
  for (const id of ids) {
    try {
      results.push(decisionView(await decide(id)));
    } catch (error) {
      if (!(error instanceof MatrixError) || error.status >= 500) throw error;
      results.push({ id, status: error.status, ...error.toJSON() });
    }
  }
  return results;
}

function decisionView(decision: Decision): Record<string, unknown> {
  return decision.state === 'approved'
    ? { id: decision.id, state: decision.state, user_id: decision.userId, decided_now: decision.decidedNow }
    : { id: decision.id, state: decision.state, decided_now: decision.decidedNow };
}

function view(r: PendingRequest, serverName: string): Record<string, unknown> {
  return {
    id: r.id,
    state: r.state,
    username: r.localpart,
    user_id: r.userId ?? `@${r.localpart}:${serverName}`,
    threepids: r.threepids,
    ...(r.tokenLabel !== undefined ? { token_label: r.tokenLabel } : {}),
    ...(r.termsAccepted ? { terms_accepted: r.termsAccepted } : {}),
    requested_at: r.requestedAt,
    deadline: r.deadline,
    ...(r.ipHash ? { ip_hash: r.ipHash } : {}),
    ...(r.lang ? { lang: r.lang } : {}),
    reasons: r.reasons,
    ...(r.decidedAt !== undefined ? { decided_at: r.decidedAt, decided_by: r.decidedBy } : {}),
    ...(r.reason !== undefined ? { reason: r.reason, share_reason: r.shareReason === true } : {}),
  };
}
