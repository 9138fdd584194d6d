/** What each form of the "Forgot password" page does: ask for the mail or SMS, check the code, set the password. */
import type { Context } from 'hono';
import { LoginType } from '../../matrix/login-types.js';
import { Medium } from '../../model/medium.js';
import { resetScope } from '../../threepid/reset-scope.js';
import type { Messages } from '../../web/i18n/en.js';
import type { StepError } from '../../web/signup-fields.js';
import { clientNetwork } from '../middleware/client-ip.js';
import type { ResetPageState } from '../forgot-password-state.js';
import { continueUrl, type ForgotPasswordDeps } from './forgot-password-deps.js';
import { codeRefusal, type EngineProblem, problemOf } from './signup-errors.js';

export type ResetStepResult = { ok: true } | { ok: false; problem: EngineProblem } | { ok: false; error: StepError };

type Text = (name: string) => string;

export async function submitResetStep(
  c: Context,
  deps: ForgotPasswordDeps,
  state: ResetPageState,
  step: string,
  text: Text,
  t: Messages,
): Promise<ResetStepResult> {
  const network = clientNetwork(c);
  const common = () => ({
    clientSecret: state.clientSecret,
    sendAttempt: state.sendAttempt + 1,
    scope: resetScope(deps.enumerationSafe),
    lang: t.lang,
  });
  switch (step) {
    case 'reset_email':
    case 'reset_email_sent': {
      const email = step === 'reset_email' ? text('email').trim() : (state.address ?? '');
      const request = { ...common(), nextLink: continueUrl(deps), email };
      return requesting(state, Medium.Email, email, () => deps.requests.email(request, network));
    }
    case 'reset_phone': {
      state.country = text('country');
      const request = { ...common(), country: text('country'), phoneNumber: text('phone').trim() };
      return requesting(state, Medium.Msisdn, text('phone').trim(), () => deps.requests.msisdn(request, network));
    }
    case 'reset_code':
      return checkCode(deps, state, text('code').trim(), t);
    case 'reset_password':
      return setPassword(deps, state, text, t);
    default:
      return { ok: false, error: { message: t.M_UNRECOGNIZED } };
  }
}

async function requesting(
  state: ResetPageState,
  medium: Medium,
  address: string,
  send: () => Promise<{ sid: string }>,
): Promise<ResetStepResult> {
  try {
    const { sid } = await send();
    Object.assign(state, { sendAttempt: state.sendAttempt + 1, sid, address, medium });
    return { ok: true };
  } catch (thrown) {
    return failed(thrown);
  }
}

async function checkCode(deps: ForgotPasswordDeps, state: ResetPageState, code: string, t: Messages): Promise<ResetStepResult> {
  const result = await deps.submissions.submit(Medium.Msisdn, state.sid, state.clientSecret, code || '-');
  if (result.kind === 'validated') {
    state.validated = true;
    return { ok: true };
  }
  return { ok: false, error: codeRefusal(t, result.kind, t.resetStartAgain) };
}

/** The reset itself, through the same engine as `POST /account/password`, in one call (UIA stage and password together). */
async function setPassword(deps: ForgotPasswordDeps, state: ResetPageState, text: Text, t: Messages): Promise<ResetStepResult> {
  if (text('password') !== text('password_confirm'))
    return { ok: false, error: { field: 'password_confirm', message: t.passwordMismatch } };
  const logoutDevices = text('logout_devices') === 'yes';
  const type = state.medium === Medium.Msisdn ? LoginType.Msisdn : LoginType.EmailIdentity;
  const auth = { type, threepid_creds: { sid: state.sid, client_secret: state.clientSecret } };
  try {
    const answer = await deps.reset.reset({ auth, new_password: text('password'), logout_devices: logoutDevices });
    if (answer.status === 200) {
      Object.assign(state, { done: true, loggedOut: logoutDevices });
      return { ok: true };
    }
    // The proof no longer holds (spent on another reset, or lapsed): this reset must start again.
    return { ok: false, error: { message: t.resetStartAgain } };
  } catch (thrown) {
    return failed(thrown);
  }
}

function failed(thrown: unknown): ResetStepResult {
  const problem = problemOf(thrown);
  if (!problem) throw thrown;
  return { ok: false, problem };
}
