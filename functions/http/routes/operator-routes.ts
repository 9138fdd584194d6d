/**
 * The operator API for registration tokens, in the shape of Synapse's
 * `/_synapse/admin/v1/registration_tokens`, mounted at `/_front_door/admin/v1/registration_tokens`.
 */
import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import { internalError, invalidParam, notFound, unrecognized } from '../../matrix/errors.js';
import type { Logger } from '../../model/log.js';
import type { Clock } from '../../ports/index.js';
import { readJsonObject } from '../read-json.js';
import { parseNewToken, parseTokenUpdate } from './operator-bodies.js';
import { operatorAuth, operatorOf, type OperatorCredential } from './operator-auth.js';
import type { AuditLog, OperatorAction } from '../../ports/audit.js';
import type { RegistrationTokens } from '../../policy/registration-tokens.js';
import { ADMIN_PREFIX } from '../route-table.js';
import { auditedAction } from './operator-audited.js';

export const OPERATOR_PREFIX = `${ADMIN_PREFIX}/v1`;

export interface OperatorRouteDeps {
  tokens: RegistrationTokens;
  clock: Clock;
  log: Logger;
  /** The operator key, or several named keys (the audit log records the name). */
  operatorKey?: string | readonly OperatorCredential[];
  /** Every operator action is recorded here (who, when, what changed; never a token). */
  audit?: AuditLog;
  /** More operator routes (records, approvals), mounted behind the same key before the catch-all. */
  more?: Hono[];
  /** The sign-up page's invite link for a token, when the tenant has the page (answered as `invite_url`). */
  inviteUrl?: (token: string) => string | undefined;
}

const noSuchToken = (token: string) => notFound(`No such registration token: ${token}`);
const GENERATE_TRIES = 5;

export function operatorRoutes(deps: OperatorRouteDeps): Hono {
  const { tokens, clock, log } = deps;
  const routes = new Hono();
  /** A token as Synapse answers it, with its invite link beside it when the tenant has the sign-up page. */
  const withInvite = <T extends { token: string }>(record: T): T & { invite_url?: string } => {
    const url = deps.inviteUrl?.(record.token);
    return url ? { ...record, invite_url: url } : record;
  };
  routes.use('*', operatorAuth(deps.operatorKey));
  // The audit log names a token by its id (its keyed hash, as the table does): the token itself is a secret.
  const tokenRef = (token: string) => `token:${tokens.idOf(token)}`;
  /** Runs an action of this request's operator audited write-ahead (operator-audited.ts). */
  const audited = <T>(c: Context, action: Omit<OperatorAction, 'operator'>, run: () => Promise<T | undefined>) =>
    auditedAction({ audit: deps.audit, clock, log }, { ...action, operator: operatorOf(c) }, run);

  routes.get('/registration_tokens', async (c) => {
    const valid = c.req.query('valid');
    if (valid !== undefined && valid !== 'true' && valid !== 'false') throw invalidParam('valid must be "true" or "false"');
    const list = await tokens.list(clock.now(), valid === undefined ? undefined : valid === 'true');
    return c.json({ registration_tokens: list.map(withInvite) });
  });

  routes.post('/registration_tokens/new', async (c) => {
    const now = clock.now();
    const request = parseNewToken(await readJsonObject(c), now);
    const settings = { usesAllowed: request.usesAllowed, expiryTime: request.expiryTime, privileges: request.privileges };
    for (let attempt = 0; attempt < (request.token ? 1 : GENERATE_TRIES); attempt++) {
      const token = request.token ?? tokens.generate(request.length);
      const action = { action: 'registration_token.created', target: tokenRef(token), changes: tokenChanges(settings) };
      // A token that exists already is a failed attempt: refused (given) or tried again (generated).
      const created = await audited(c, action, () => tokens.create(token, settings, now));
      if (created) {
        // Never the token itself: only what was decided about it.
        log.info('registration_token_created', {
          uses_allowed: created.uses_allowed ?? 'unlimited',
          expiry_time: created.expiry_time ?? 'never',
        });
        return c.json(withInvite(created));
      }
    }
    if (request.token) throw invalidParam(`Token already exists: ${request.token}`);
    throw internalError('Could not generate a unique token; ask for a longer one');
  });

  routes.get('/registration_tokens/:token', async (c) => {
    const token = c.req.param('token');
    return c.json(withInvite((await tokens.get(token, clock.now())) ?? throwing(noSuchToken(token))));
  });

  routes.put('/registration_tokens/:token', async (c) => {
    const token = c.req.param('token');
    const now = clock.now();
    const changes = parseTokenUpdate(await readJsonObject(c), now);
    const action = { action: 'registration_token.updated', target: tokenRef(token), changes: tokenChanges(changes) };
    const updated = await audited(c, action, () => tokens.update(token, changes, now));
    if (!updated) throw noSuchToken(token);
    log.info('registration_token_updated', {
      fields: Object.keys(changes)
        .filter((k) => changes[k as keyof typeof changes] !== undefined)
        .join(','),
    });
    return c.json(withInvite(updated));
  });

  routes.delete('/registration_tokens/:token', async (c) => {
    const token = c.req.param('token');
    const deleted = await audited(c, { action: 'registration_token.deleted', target: tokenRef(token) }, async () =>
      (await tokens.delete(token)) ? true : undefined,
    );
    if (!deleted) throw noSuchToken(token);
    log.info('registration_token_deleted');
    return c.json({});
  });

  for (const more of deps.more ?? []) routes.route('/', more);
  routes.all('*', () => {
    throw unrecognized();
  });
  return routes;
}

/** The settings an operator gave, flattened for the audit log (privileges as JSON). */
function tokenChanges(settings: { usesAllowed?: number | null; expiryTime?: number | null; privileges?: unknown }) {
  const changes: Record<string, string | number | null> = {};
  if (settings.usesAllowed !== undefined) changes.uses_allowed = settings.usesAllowed;
  if (settings.expiryTime !== undefined) changes.expiry_time = settings.expiryTime;
  if (settings.privileges !== undefined) changes.privileges = JSON.stringify(settings.privileges);
  return changes;
}

function throwing(error: Error): never {
  throw error;
}
