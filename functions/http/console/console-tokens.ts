/**
 * The console's invitations: list, create, revoke registration tokens, each change audited with who made
 * it, exactly as the operator API does (the audit names a token by its id, never the token).
 */
import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import { LoginType } from '../../matrix/login-types.js';
import type { TokenPrivileges } from '../../model/token-record.js';
import { TOKEN_GRAMMAR } from '../../policy/registration-tokens.js';
import type { ConsoleKey } from '../../web/console/console-en.js';
import { type TokenForm, tokensPage, type TokensView } from '../../web/console/console-tokens-page.js';
import { operatorOf } from '../routes/operator-auth.js';
import { auditedAction } from '../routes/operator-audited.js';
import type { ConsoleDeps } from './console-deps.js';
import { backTo, consoleFrame, sendPage } from './console-frame.js';

const NOTICES: Record<string, { key: ConsoleKey; error?: boolean }> = {
  created: { key: 'tokenCreated' },
  revoked: { key: 'tokenRevoked' },
  csrf: { key: 'csrfFailed', error: true },
};
const GENERATE_TRIES = 5;
const DAY_MS = 86_400_000;

type Parsed =
  | { ok: true; token?: string; usesAllowed: number | null; expiryTime: number | null; privileges: TokenPrivileges }
  | { ok: false; error: NonNullable<TokensView['error']> };

/** The stages of the tenant's flows an invitation may let people skip (never the invitation itself). */
export const skippableStages = (deps: ConsoleDeps) =>
  [...new Set(deps.config.registration.flows.flat())].filter((s) => s !== LoginType.RegistrationToken);

function parseForm(form: TokenForm, skippable: string[], now: number): Parsed {
  const uses = form.uses?.trim() ?? '';
  if (uses && !/^\d{1,9}$/.test(uses)) return { ok: false, error: { field: 'uses', key: 'invalidNumber' } };
  const expiry = form.expiry?.trim() ?? '';
  // The last day it can be used: valid to the end of that day (UTC).
  const expiryTime = expiry ? Date.parse(`${expiry}T00:00:00Z`) + DAY_MS - 1 : null;
  if (expiryTime !== null && (!/^\d{4}-\d{2}-\d{2}$/.test(expiry) || Number.isNaN(expiryTime) || expiryTime < now))
    return { ok: false, error: { field: 'expiry', key: 'invalidDate' } };
  const token = form.token?.trim() || undefined;
  if (token !== undefined && !TOKEN_GRAMMAR.test(token)) return { ok: false, error: { field: 'token', key: 'invalidToken' } };
  const label = form.label?.trim().slice(0, 200) || undefined;
  const skip = (form.skip ?? []).filter((s) => skippable.includes(s)) as LoginType[];
  const privileges: TokenPrivileges = { ...(skip.length ? { skipStages: [...new Set(skip)] } : {}), ...(label ? { label } : {}) };
  return { ok: true, token, usesAllowed: uses ? Number(uses) : null, expiryTime, privileges };
}

export function consoleTokenRoutes(deps: ConsoleDeps): Hono {
  const { tokens, clock } = deps;
  const routes = new Hono();
  const render = async (c: Context, extra: Partial<TokensView>, status: 200 | 400 = 200) => {
    const now = clock.now();
    const rows = (await tokens.list(now)).map((r) => ({ ...r, inviteUrl: deps.inviteUrl(r.token) }));
    const view: TokensView = { rows, now, skippable: skippableStages(deps), links: Boolean(deps.config.pages), ...extra };
    return sendPage(c, tokensPage(consoleFrame(c, deps, c.get('consoleState')), view), status);
  };

  routes.get('/tokens', (c) => render(c, { notice: NOTICES[c.req.query('notice') ?? ''] }));

  routes.post('/tokens', async (c) => {
    const body = await c.req.parseBody({ all: true });
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
    const skip = ([] as unknown[]).concat(body.skip ?? []).filter((s): s is string => typeof s === 'string');
    const form: TokenForm = { label: text('label'), uses: text('uses'), expiry: text('expiry'), token: text('token'), skip };
    const now = clock.now();
    const parsed = parseForm(form, skippableStages(deps), now);
    if (!parsed.ok) return render(c, { form, error: parsed.error }, 400);
    const settings = { usesAllowed: parsed.usesAllowed, expiryTime: parsed.expiryTime, privileges: parsed.privileges };
    for (let attempt = 0; attempt < (parsed.token ? 1 : GENERATE_TRIES); attempt++) {
      const token = parsed.token ?? tokens.generate(16);
      const action = {
        operator: operatorOf(c),
        action: 'registration_token.created',
        target: `token:${tokens.idOf(token)}`,
        changes: tokenChanges(settings),
      };
      if (await auditedAction(deps, action, () => tokens.create(token, settings, now))) return backTo(c, '/tokens', { notice: 'created' });
    }
    return render(c, { form, error: { field: 'token', key: 'tokenExists' } }, 400);
  });

  routes.post('/tokens/revoke', async (c) => {
    const token = (await c.req.parseBody()).token;
    if (typeof token !== 'string' || !TOKEN_GRAMMAR.test(token)) return backTo(c, '/tokens');
    const action = { operator: operatorOf(c), action: 'registration_token.deleted', target: `token:${tokens.idOf(token)}` };
    await auditedAction(deps, action, async () => ((await tokens.delete(token)) ? true : undefined));
    return backTo(c, '/tokens', { notice: 'revoked' });
  });
  return routes;
}

/** The settings, flattened for the audit log as the operator API records them (privileges as JSON). */
function tokenChanges(settings: { usesAllowed: number | null; expiryTime: number | null; privileges: TokenPrivileges }) {
  return {
    uses_allowed: settings.usesAllowed,
    expiry_time: settings.expiryTime,
    privileges: JSON.stringify({
      ...(settings.privileges.skipStages ? { skip_stages: settings.privileges.skipStages } : {}),
      ...(settings.privileges.label ? { label: settings.privileges.label } : {}),
    }),
  };
}
