// Owns a user's own view of their addresses on the client-server API: `GET /account/3pid` and
// `POST /account/3pid/{delete,unbind}`, answered as Synapse 1.67 answers them with no identity server.
import { requireUser } from './access.js';
import type { HomeserverCore } from './core.js';
import { ErrCode, badRequest } from './errors.js';
import { type Reply, ok } from './http-kit.js';
import { type RequestContext, type Route, underClientPrefixes } from './router.js';

export function clientThreepidRoutes(core: HomeserverCore): Route[] {
  return [
    ...underClientPrefixes('/account/3pid', { method: 'GET', handle: (ctx) => listThreepids(core, ctx) }),
    ...underClientPrefixes('/account/3pid/delete', { method: 'POST', handle: (ctx) => deleteThreepid(core, ctx, true) }),
    ...underClientPrefixes('/account/3pid/unbind', { method: 'POST', handle: (ctx) => deleteThreepid(core, ctx, false) }),
  ];
}

function listThreepids(core: HomeserverCore, ctx: RequestContext): Reply {
  const { user } = requireUser(core, ctx);
  return ok({ threepids: user.threepids.map((t) => ({ ...t })) });
}

/**
 * Synapse answers 200 even for an address the user does not have; with no identity server to unbind
 * from, the result is "no-support". Unbinding only touches identity servers, so it keeps the address.
 */
function deleteThreepid(core: HomeserverCore, ctx: RequestContext, removeFromAccount: boolean): Reply {
  const { user } = requireUser(core, ctx);
  const body = ctx.json();
  const missing = ['medium', 'address'].filter((name) => !(name in body));
  if (missing.length > 0) throw badRequest(`Missing params: [${missing.map((m) => `'${m}'`).join(', ')}]`, ErrCode.MissingParam);
  const { medium } = body;
  // Synapse canonicalises an email before it looks for it.
  const address = medium === 'email' && typeof body.address === 'string' ? body.address.toLowerCase() : body.address;
  if (removeFromAccount && typeof medium === 'string' && typeof address === 'string') {
    user.threepids = user.threepids.filter((t) => !(t.medium === medium && t.address === address));
  }
  return ok({ id_server_unbind_result: 'no-support' });
}
