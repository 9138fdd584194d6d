/** Where a reset stands (derived from the page's state alone), and the page for it. */
import { Medium } from '../../model/medium.js';
import type { Page } from '../../web/layout.js';
import type { StepError } from '../../web/signup-fields.js';
import type { PageFrame } from '../../web/signup-layout.js';
import {
  resetCodeStep,
  resetDoneStep,
  resetEmailSentStep,
  resetEmailStep,
  resetPasswordStep,
  resetPhoneStep,
  type ResetStep,
} from '../../web/forgot-password-steps.js';
import type { ResetPageState } from '../forgot-password-state.js';
import { type ForgotPasswordDeps, offers } from './forgot-password-deps.js';

/** The step a state is at: done, then the new password once the address is confirmed, then the address's own steps. */
export function resetStepOf(deps: Pick<ForgotPasswordDeps, 'config'>, state: ResetPageState): ResetStep {
  if (state.done) return 'reset_done';
  if (state.validated) return 'reset_password';
  const medium = state.medium ?? (offers(deps, Medium.Email) ? Medium.Email : Medium.Msisdn);
  if (medium === Medium.Email) return state.sid ? 'reset_email_sent' : 'reset_email';
  return state.sid ? 'reset_code' : 'reset_phone';
}

type Typed = (name: string) => string;

export function renderResetStep(
  deps: ForgotPasswordDeps,
  state: ResetPageState,
  frame: PageFrame,
  error?: StepError,
  typed: Typed = () => '',
): Page {
  const { config, pages } = deps;
  const both = offers(deps, Medium.Email) && offers(deps, Medium.Msisdn);
  switch (resetStepOf(deps, state)) {
    case 'reset_email':
      return resetEmailStep(frame, { address: typed('email') || state.address, other: both }, error);
    case 'reset_phone':
      return resetPhoneStep(frame, { country: typed('country') || state.country, phone: typed('phone') || undefined, other: both }, error);
    case 'reset_email_sent': {
      const minutes = Math.round((config.threepid?.email?.tokenLifetimeSeconds ?? 3600) / 60);
      return resetEmailSentStep(frame, { address: state.address ?? '', minutes, resent: !error && state.sendAttempt > 1 }, error);
    }
    case 'reset_code':
      return resetCodeStep(frame, state.address ?? '', error);
    case 'reset_password':
      return resetPasswordStep(frame, config.password.minLength, error);
    case 'reset_done': {
      const homeserverUrl = pages.homeserverUrl ?? config.threepid?.publicBaseUrl ?? config.homeserver.url;
      const elementWebUrl = `${pages.elementWebUrl.replace(/\/+$/, '')}/#/login?hs_url=${encodeURIComponent(homeserverUrl)}`;
      return resetDoneStep(frame, { loggedOut: state.loggedOut ?? true, elementWebUrl, homeserverUrl });
    }
  }
}
