/**
 * Whether a finished sign-up becomes an account now, is refused, or waits for an operator: the tenant's
 * approval rules and its decision hook (asked with the sign-up's facts, never the password), with the
 * hook's silence answered as the tenant chose (fail open: make it; fail closed: refuse, retryable).
 */
import type { KeyedHash } from '../crypto/keyed-hash.js';
import { LoginType } from '../matrix/login-types.js';
import { forbidden, temporarilyUnavailable } from '../matrix/errors.js';
import { Medium } from '../model/medium.js';
import { completedStages, type RegistrationSession } from '../model/session.js';
import type { Logger } from '../model/log.js';
import type { Admission, AdmissionVerdict, CreationContext } from '../ports/approvals.js';
import { DecisionHookUnavailable, type DecisionHook, type HookAnswer, type SignupFactsForHook } from '../ports/decision-hook.js';
import type { ApprovalConfig } from './approval-config.js';
import { inDomainSet } from './email-domains.js';

/** The rules of `approval.when` that the session meets: empty when it needs no approval. */
export function approvalReasons(when: ApprovalConfig['when'] | undefined, session: RegistrationSession): string[] {
  if (!when) return [];
  const reasons: string[] = [];
  if (when.always) reasons.push('always');
  const done = new Set(completedStages(session));
  if (when.flows.some((flow) => flow.length === done.size && flow.every((stage) => done.has(stage)))) reasons.push('flow');
  if (when.withoutToken && !session.stages[LoginType.RegistrationToken]) reasons.push('without_token');
  if (when.unlessEmailIn.length > 0) {
    const email = session.stages[LoginType.EmailIdentity];
    const domains = new Set(when.unlessEmailIn);
    if (!(email?.medium === Medium.Email && inDomainSet(email.address, domains))) reasons.push('email_domain');
  }
  return reasons;
}

/** What the hook is told: who, which addresses, what was accepted; never the password. */
export function hookFacts(session: RegistrationSession, serverName: string, ipHash?: string, lang?: string): SignupFactsForHook {
  const { stages } = session;
  const threepids = [stages[LoginType.EmailIdentity], stages[LoginType.Msisdn]].flatMap((r) =>
    r ? [{ medium: r.medium, address: r.address }] : [],
  );
  return {
    localpart: session.username!,
    userId: `@${session.username}:${serverName}`,
    threepids,
    ...(stages[LoginType.RegistrationToken]?.label !== undefined ? { tokenLabel: stages[LoginType.RegistrationToken]!.label } : {}),
    ...(stages[LoginType.Terms] ? { termsAccepted: stages[LoginType.Terms]!.accepted } : {}),
    stages: completedStages(session),
    ...(lang ? { lang } : {}),
    ...(ipHash ? { ipHash } : {}),
  };
}

export interface HookSetting {
  hook: DecisionHook;
  onFailure: 'open' | 'closed';
}

export class TenantAdmission implements Admission {
  constructor(
    private readonly deps: {
      serverName: string;
      hasher: KeyedHash;
      log: Logger;
      when?: ApprovalConfig['when'];
      hook?: HookSetting;
    },
  ) {}

  async decide(session: RegistrationSession, context: CreationContext): Promise<AdmissionVerdict> {
    const reasons = approvalReasons(this.deps.when, session);
    const answer = this.deps.hook ? await this.ask(this.deps.hook, session, context) : undefined;
    if (answer?.decision === 'deny') throw forbidden(answer.message);
    if (answer?.decision === 'queue') reasons.push('hook');
    const enrichment = answer?.enrichment;
    const extra = enrichment ? { enrichment } : {};
    return reasons.length > 0 ? { kind: 'queue', reasons, ...extra } : { kind: 'allow', ...extra };
  }

  private async ask(setting: HookSetting, session: RegistrationSession, context: CreationContext): Promise<HookAnswer | undefined> {
    const ipHash = context.clientIp ? this.deps.hasher.hash('client-ip', context.clientIp) : undefined;
    try {
      return await setting.hook.decide(hookFacts(session, this.deps.serverName, ipHash, context.lang));
    } catch (error) {
      if (!(error instanceof DecisionHookUnavailable)) throw error;
      this.deps.log.warn('decision_hook_failed', { reason: error.message, outcome: setting.onFailure === 'open' ? 'allowed' : 'refused' });
      // Fail closed: nothing is made, and the session keeps its stages, so the same final call can try again.
      if (setting.onFailure === 'closed') throw temporarilyUnavailable('The sign-up could not be checked just now; try again shortly', 5);
      return undefined;
    }
  }
}
