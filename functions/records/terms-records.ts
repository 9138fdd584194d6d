/**
 * Terms acceptance records from a session's terms stage: one record per accepted policy, written once
 * whatever is retried, kept for the tenant's retention period. Written before the account is made (so an
 * account never exists without its record), and for a pending request when it is queued.
 */
import { LoginType } from '../matrix/login-types.js';
import { userIdOf } from '../matrix/user-id.js';
import type { RegistrationSession } from '../model/session.js';
import type { Clock } from '../ports/clock.js';
import type { CreationHook } from '../ports/homeserver.js';
import type { TermsAcceptance, TermsRecordStore } from '../ports/terms-records.js';

export interface TermsRecording {
  store: TermsRecordStore;
  clock: Clock;
  retentionMs: number;
  serverName: string;
}

/** The records a session's terms stage makes, for an account or a pending request. */
export function acceptancesOf(session: RegistrationSession, subject: { userId?: string; requestId?: string }): TermsAcceptance[] {
  const terms = session.stages[LoginType.Terms];
  if (!terms) return [];
  return Object.entries(terms.accepted).map(([policy, version]) => ({
    sessionId: session.id,
    policy,
    version,
    lang: terms.lang?.[policy] ?? 'und',
    acceptedAt: terms.at,
    ...(terms.ipHash ? { ipHash: terms.ipHash } : {}),
    ...subject,
  }));
}

/** Writes the session's records (each once); 16a's queue calls it with `{requestId}`. */
export async function recordTerms(
  deps: TermsRecording,
  session: RegistrationSession,
  subject: { userId?: string; requestId?: string },
): Promise<void> {
  const expiresAt = deps.clock.now() + deps.retentionMs;
  await Promise.all(acceptancesOf(session, subject).map((record) => deps.store.put(record, expiresAt)));
}

/** The creation hook: the record names the account before it is made; a refused creation takes that back. */
export function termsRecordHook(deps: TermsRecording): CreationHook {
  const accountOf = (session: RegistrationSession) => userIdOf(session.username!, deps.serverName);
  return {
    // A failure here stops the creation (the client retries): no account without its terms record.
    beforeCreate: (session) => recordTerms(deps, session, { userId: accountOf(session) }),
    async refused(session) {
      await Promise.all(acceptancesOf(session, {}).map((record) => deps.store.forget(record, accountOf(session))));
    },
    created: async () => undefined,
  };
}
