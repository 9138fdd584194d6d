/**
 * The console's approval queue: the pending sign-ups, approved or denied (with a reason, shared with the
 * person or not) one or many at once. Each decision is the same exactly-once, audited decision as the
 * operator API's, made in the name of who is signed in.
 */
import { Hono } from 'hono/tiny';
import { MatrixError } from '../../matrix/errors.js';
import { approvalsPage } from '../../web/console/console-approvals-page.js';
import { say } from '../../web/console/console-i18n.js';
import { operatorOf } from '../routes/operator-auth.js';
import type { ConsoleDeps } from './console-deps.js';
import { backTo, consoleFrame, sendPage } from './console-frame.js';

const ID = /^[0-9]{15}\.[A-Za-z]{16}$/;
const PAGE = 50;
const MAX_BULK = 100;

export function consoleApprovalRoutes(deps: ConsoleDeps): Hono {
  const routes = new Hono();
  const approvals = deps.approvals;
  if (!approvals) return routes;

  routes.get('/approvals', async (c) => {
    const frame = consoleFrame(c, deps, c.get('consoleState'));
    const from = c.req.query('from');
    const page = await approvals.list(PAGE, from && ID.test(from) ? from : undefined);
    const done = c.req.query('done');
    const failed = c.req.query('failed');
    const notice =
      c.req.query('notice') === 'none'
        ? { text: frame.t.noneSelected, error: true }
        : c.req.query('notice') === 'csrf'
          ? { text: frame.t.csrfFailed, error: true }
          : done !== undefined
            ? { text: say(frame.t, 'decisionsDone', { done: Number(done) || 0, failed: Number(failed) || 0 }), error: Number(failed) > 0 }
            : undefined;
    const view = { requests: page.requests, next: page.next, serverName: deps.config.serverName, notice };
    return sendPage(c, approvalsPage(frame, view));
  });

  routes.post('/approvals', async (c) => {
    const form = await c.req.parseBody({ all: true });
    const ids = [...new Set(([] as unknown[]).concat(form.ids ?? []))].filter((id): id is string => typeof id === 'string' && ID.test(id));
    if (ids.length === 0 || ids.length > MAX_BULK) return backTo(c, '/approvals', { notice: 'none' });
    const reason = typeof form.reason === 'string' ? form.reason.trim().slice(0, 1000) || undefined : undefined;
    const deny = form.decision === 'deny';
    let done = 0;
    let failed = 0;
    // One by one (each decision is its own conditional write); a refusal of one is counted, not the whole form's.
    for (const id of ids) {
      try {
        if (deny) await approvals.deny(id, operatorOf(c), reason, form.share === '1');
        else await approvals.approve(id, operatorOf(c));
        done++;
      } catch (error) {
        if (!(error instanceof MatrixError) || error.status >= 500) throw error;
        failed++;
      }
    }
    return backTo(c, '/approvals', { done: String(done), failed: String(failed) });
  });
  return routes;
}
