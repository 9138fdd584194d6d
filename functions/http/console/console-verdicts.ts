/**
 * Who a sign-in form names: an operator key (compared in constant time with every key), or a homeserver
 * account that the homeserver says is a server admin. A refusal is a value: the sentence and the status.
 */
import { sameSecret } from '../../crypto/same-secret.js';
import { HomeserverError } from '../../ports/homeserver.js';
import type { ConsoleKey } from '../../web/console/console-en.js';
import type { ConsoleDeps } from './console-deps.js';
import type { ConsoleOperator } from './console-state.js';

export type Verdict = { operator: ConsoleOperator } | { refused: ConsoleKey; status: 403 | 429 | 503 };

export function byKey(deps: ConsoleDeps, presented: unknown): Verdict {
  if (deps.operatorKeys.length === 0) return { refused: 'keysDisabled', status: 403 };
  const key = typeof presented === 'string' ? presented.trim() : '';
  // Every key is compared, so the time taken does not tell which one (if any) was close.
  let name: string | undefined;
  for (const credential of deps.operatorKeys) if (sameSecret(key, credential.key) && name === undefined) name = credential.name;
  if (name === undefined) return { refused: 'wrongKey', status: 403 };
  const now = deps.clock.now();
  return { operator: { kind: 'key', name, since: now, seen: now } };
}

export async function byPassword(deps: ConsoleDeps, user: string, password: unknown): Promise<Verdict> {
  const signIn = deps.signIn;
  if (!signIn || !user || typeof password !== 'string' || !password) return { refused: 'wrongCredentials', status: 403 };
  try {
    const login = await signIn.login(user, password);
    if (login === 'invalid') return { refused: 'wrongCredentials', status: 403 };
    if (login === 'limited') return { refused: 'tooManyTries', status: 429 };
    if (!(await signIn.isAdmin(login))) {
      // The login made a device: it goes at once, and the refusal is worth an operator's eye.
      await signIn.logout(login.accessToken).catch(() => undefined);
      deps.log.warn('console_not_admin', { user_id: login.userId });
      return { refused: 'notAdmin', status: 403 };
    }
    const now = deps.clock.now();
    return { operator: { kind: 'admin', name: login.userId, accessToken: login.accessToken, since: now, seen: now } };
  } catch (error) {
    if (!(error instanceof HomeserverError)) throw error;
    deps.log.warn('console_sign_in_failed', { kind: error.kind });
    return {
      refused: error.kind === 'rate-limited' ? 'tooManyTries' : 'homeserverDown',
      status: error.kind === 'rate-limited' ? 429 : 503,
    };
  }
}

/** A homeserver admin's device is logged out (best effort: a homeserver that is down does not keep anyone signed in). */
export async function endSession(deps: ConsoleDeps, operator: ConsoleOperator): Promise<void> {
  if (!operator.accessToken || !deps.signIn) return;
  await deps.signIn.logout(operator.accessToken).catch((error: Error) => deps.log.warn('console_logout_failed', { name: error.name }));
}
