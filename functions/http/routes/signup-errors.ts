/**
 * A Matrix error met on a sign-up step, as the sentence the person reads: tied to the field it is about,
 * saying what to do next (when to try again, which names are free).
 */
import { ErrCode } from '../../matrix/errcodes.js';
import { MatrixError } from '../../matrix/errors.js';
import { clientErrorFor } from '../../matrix/port-failures.js';
import { isTransientFailure } from '../../model/transient-failure.js';
import type { Messages } from '../../web/i18n/en.js';
import { say } from '../../web/i18n/pick-language.js';
import type { StepError } from '../../web/signup-steps.js';

/** What the engine said: a thrown MatrixError, or a stage's failure inside a 401. */
export interface EngineProblem {
  errcode: string;
  error: string;
  status?: number;
  retryAfterSeconds?: number;
}

/** A thrown value as an engine problem, or undefined when it is not one (a bug: left to the app's handler). */
export function problemOf(thrown: unknown): EngineProblem | undefined {
  const error = isTransientFailure(thrown) ? clientErrorFor(thrown) : thrown;
  if (!(error instanceof MatrixError)) return undefined;
  const retry = Number(error.headers['Retry-After']);
  return { errcode: error.errcode, error: error.message, status: error.status, retryAfterSeconds: retry > 0 ? retry : undefined };
}

export function waitWords(t: Messages, seconds: number): string {
  return seconds < 120 ? say(t, 'retryInSeconds', { seconds }) : say(t, 'retryInMinutes', { minutes: Math.ceil(seconds / 60) });
}

const FIELDS: Record<string, Partial<Record<string, string>> & { default?: string }> = {
  account: {
    [ErrCode.UserInUse]: 'username',
    [ErrCode.InvalidUsername]: 'username',
    [ErrCode.Exclusive]: 'username',
    [ErrCode.WeakPassword]: 'password',
    [ErrCode.MissingParam]: 'username',
  },
  'm.login.registration_token': { default: 'token' },
  'm.login.email.identity': { default: 'email' },
  'm.login.msisdn': { default: 'phone' },
  msisdn_code: { default: 'code' },
};

const isWait = (p: EngineProblem) => p.errcode === ErrCode.LimitExceeded || p.status === 503;

/** The sentence for a problem on `step`, and the field it belongs to. */
export function stepErrorFor(t: Messages, step: string, problem: EngineProblem): StepError {
  const fields = FIELDS[step] ?? {};
  const field = isWait(problem) ? undefined : (fields[problem.errcode] ?? fields.default);
  return { field, message: sentence(t, step, problem) };
}

function sentence(t: Messages, step: string, p: EngineProblem): string {
  const wait = waitWords(t, p.retryAfterSeconds ?? 2);
  if (p.errcode === ErrCode.LimitExceeded) return say(t, 'M_LIMIT_EXCEEDED', { wait });
  if (p.status === 503) return say(t, 'errorUnavailable', { wait });
  if (p.errcode === ErrCode.Forbidden && /disabled/i.test(p.error)) return t.errorRegistrationDisabled;
  if (p.errcode === ErrCode.Forbidden && /captcha or registration token/i.test(p.error)) return t.errorGateFirst;
  if (p.errcode === ErrCode.Unknown && /session/i.test(p.error)) return t.errorUnknownSession;
  if (step === 'm.login.registration_token' && (p.errcode === ErrCode.Unauthorized || p.errcode === ErrCode.MissingParam)) {
    return t.errorTokenInvalid;
  }
  if (step === 'm.login.email.identity' && p.errcode === ErrCode.InvalidParam) return t.errorEmailInvalid;
  if (step === 'm.login.msisdn' && p.errcode === ErrCode.InvalidParam) return t.errorPhoneInvalid;
  if (step === 'email_sent' && p.errcode === ErrCode.Unauthorized) return t.emailNotYet;
  const known = p.errcode in t ? t[p.errcode as ErrCode] : undefined;
  return typeof known === 'string' ? known : t.M_UNKNOWN;
}

/** Whether the problem means the UIA session is gone, so the sign-up must start again. */
export const sessionLost = (p: EngineProblem) =>
  (p.errcode === ErrCode.Unknown && /session/i.test(p.error)) || p.errcode === ErrCode.SessionExpired;

/** An SMS code the person typed was refused: the sentence for its field; `otherwise` for a lost or foreign session. */
export function codeRefusal(t: Messages, kind: string, otherwise: string): StepError {
  const message =
    kind === 'locked'
      ? t.codeLocked
      : kind === 'expired'
        ? t.codeExpired
        : kind === 'wrong-token' || kind === 'bad-request'
          ? t.codeWrong
          : otherwise;
  return { field: 'code', message };
}
