/**
 * Where a sign-up stands and how it moves on, over the same engine as `POST /register`: each step is one
 * engine call with the auth dict a Matrix client would send; the dummy stage is sent by the server.
 */
import type { TenantConfig } from '../../config/tenant-config.js';
import { LoginType } from '../../matrix/login-types.js';
import { parseRegisterBody } from '../../matrix/register-body.js';
import type { Registration } from '../../uia/engine.js';
import { MAX_DISPLAY_NAME } from '../../web/signup-steps.js';
import type { SignupState } from '../signup-state.js';
import { type EngineProblem, problemOf, sessionLost } from './signup-errors.js';
import { ApprovalNoticeMedium } from '../../matrix/approval-notice.js';
import { ErrCode } from '../../matrix/errcodes.js';
import { MatrixError } from '../../matrix/errors.js';

/** The page's steps besides the UIA stages' own names. */
export type PageStep = 'flow' | 'account' | 'email_sent' | 'msisdn_code' | 'done' | 'awaiting' | 'awaiting_closed' | LoginType;

/** The stages of the flow this sign-up follows (the only flow, or the one the person chose). */
export function flowOf(config: TenantConfig, state: SignupState): LoginType[] | undefined {
  const flows = config.registration.flows;
  if (flows.length === 1) return flows[0];
  return state.flow === undefined ? undefined : flows[state.flow];
}

/** The step to show now. */
export function currentStep(config: TenantConfig, state: SignupState): PageStep {
  if (state.userId) return 'done';
  if (state.awaiting) return state.awaiting.closed ? 'awaiting_closed' : 'awaiting';
  const flow = flowOf(config, state);
  if (!flow) return 'flow';
  if (!state.session) return 'account';
  const next = flow.find((stage) => !state.completed.includes(stage)) ?? LoginType.Dummy;
  if (next === LoginType.EmailIdentity && state.sid) return 'email_sent';
  if (next === LoginType.Msisdn && state.sid) return 'msisdn_code';
  return next;
}

/** "Step 2 of 4": the account step, then each stage a person sees (not the dummy). */
export function positionOf(config: TenantConfig, state: SignupState, step: PageStep) {
  const visible: string[] = (flowOf(config, state) ?? []).filter((s) => s !== LoginType.Dummy);
  const total = visible.length + 1;
  if (step === 'account') return { current: 1, total };
  const index = visible.indexOf(step);
  return index < 0 ? undefined : { current: index + 2, total };
}

/** What one engine call came to, already applied to the state. */
export type Outcome = { ok: true } | { ok: false; problem: EngineProblem };

export class SignupDriver {
  constructor(
    private readonly config: TenantConfig,
    private readonly registration: Registration,
  ) {}

  /** The account step: the first call, which makes the UIA session (the password stays sealed in it, with the display name given). */
  async start(
    state: SignupState,
    account: { username: string; password: string; displayName?: string },
    ip: string,
    network: string,
  ): Promise<Outcome> {
    const { username, password, displayName } = account;
    return this.call(state, { username, password, inhibit_login: true }, ip, network, { displayName });
  }

  /** One stage, as a client would send it; then the dummy stage when it comes next. */
  async stage(state: SignupState, auth: Record<string, unknown>, ip: string, network: string): Promise<Outcome> {
    const outcome = await this.call(state, { inhibit_login: true, auth: { ...auth, session: state.session } }, ip, network);
    if (!outcome.ok || state.userId) return outcome;
    return currentStep(this.config, state) === LoginType.Dummy ? this.stage(state, { type: LoginType.Dummy }, ip, network) : outcome;
  }

  /** Where a waiting sign-up stands now: still waiting, approved and made (done), or gone (denied, expired). */
  async recheck(state: SignupState, ip: string, network: string): Promise<void> {
    if (!state.awaiting || state.awaiting.closed || !state.session) return;
    // The "where am I" call: on an approved session it answers the account (or makes it, if that failed before).
    const outcome = await this.call(state, { inhibit_login: true, auth: { session: state.session } }, ip, network);
    if (!outcome.ok && sessionLost(outcome.problem)) state.awaiting = { ...state.awaiting, closed: true };
  }

  private async call(
    state: SignupState,
    raw: Record<string, unknown>,
    ip: string,
    network: string,
    page: { displayName?: string } = {},
  ): Promise<Outcome> {
    try {
      const answer = await this.registration.register(parseRegisterBody(raw), ip, network, state.lang, page);
      const body = answer.body as Record<string, unknown>;
      if (answer.status === 200 && typeof body.user_id === 'string') {
        state.userId = body.user_id;
        state.session = undefined;
        state.awaiting = undefined;
        return { ok: true };
      }
      if (typeof body.session === 'string') state.session = body.session;
      if (Array.isArray(body.completed)) state.completed = body.completed.filter((s): s is string => typeof s === 'string');
      if (typeof body.errcode === 'string')
        return { ok: false, problem: { errcode: body.errcode, error: String(body.error ?? ''), status: 401 } };
      return { ok: true };
    } catch (thrown) {
      // Not a problem with the step: the sign-up is done and waits for an operator (a page of its own).
      if (thrown instanceof MatrixError && thrown.errcode === ErrCode.UserAwaitingApproval) {
        state.awaiting = { medium: String(thrown.extra.approval_notice_medium ?? ApprovalNoticeMedium.None) };
        return { ok: true };
      }
      const problem = problemOf(thrown);
      if (!problem) throw thrown;
      return { ok: false, problem };
    }
  }
}

/**
 * The display name as typed: spaces at the ends and control characters dropped, undefined when empty,
 * false when longer than a homeserver takes.
 */
export function displayNameOf(typed: string): string | undefined | false {
  const name = typed.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (name === '') return undefined;
  return [...name].length > MAX_DISPLAY_NAME ? false : name;
}
