/** The page for where a sign-up stands: the current step, filled with what the person typed (never a password). */
import type { Context } from 'hono';
import { LoginType } from '../../matrix/login-types.js';
import type { Page } from '../../web/layout.js';
import type { PageFrame } from '../../web/signup-layout.js';
import {
  accountStep,
  captchaStep,
  codeStep,
  doneStep,
  emailSentStep,
  emailStep,
  type FlowOption,
  flowStep,
  noticeStep,
  type PolicyView,
  phoneStep,
  type StepError,
  termsStep,
  tokenStep,
} from '../../web/signup-steps.js';
import type { Messages } from '../../web/i18n/en.js';
import { awaitingClosedStep, awaitingStep } from '../../web/signup-awaiting.js';
import type { TenantConfig } from '../../config/tenant-config.js';
import type { SignupState } from '../signup-state.js';
import type { SignupRouteDeps } from './signup-deps.js';
import { currentStep, positionOf } from './signup-steps.js';

type Typed = (name: string) => string;
const nothingTyped: Typed = () => '';

export async function renderStep(
  _c: Context,
  deps: SignupRouteDeps,
  state: SignupState,
  frame: PageFrame,
  error?: StepError,
  typed: Typed = nothingTyped,
): Promise<Page> {
  const { config, pages } = deps;
  const step = currentStep(config, state);
  const position = positionOf(config, state, step);
  const { t } = frame;
  switch (step) {
    case 'done':
      return doneStep(frame, doneView(config, pages, state.userId!));
    case 'awaiting':
      return awaitingStep(frame, state.awaiting!.medium);
    case 'awaiting_closed':
      return awaitingClosedStep(frame);
    case 'flow':
      return flowStep(frame, flowOptions(config, t), state.flow, error);
    case 'account':
      return accountStep(
        frame,
        {
          username: typed('username') || undefined,
          displayName: typed('display_name') || undefined,
          serverName: config.serverName,
          minLength: config.password.minLength,
          position,
        },
        error,
      );
    case LoginType.Terms:
      return termsStep(frame, policiesIn(config, t.lang), position, error);
    case LoginType.Recaptcha:
      return config.captcha ? captchaStep(frame, config.captcha, position, error) : unavailable(frame);
    case LoginType.RegistrationToken:
      return tokenStep(frame, state.token ?? (typed('token') || undefined), position, error);
    case LoginType.EmailIdentity:
      return emailStep(frame, typed('email') || state.address, position, error);
    case 'email_sent': {
      const minutes = Math.round((config.threepid?.email?.tokenLifetimeSeconds ?? 3600) / 60);
      return emailSentStep(frame, { address: state.address ?? '', minutes, resent: !error && state.sendAttempt > 1 }, error);
    }
    case LoginType.Msisdn:
      return phoneStep(frame, { country: typed('country') || state.country, phone: typed('phone') || undefined, position }, error);
    case 'msisdn_code':
      return codeStep(frame, state.address ?? '', error);
    default:
      return unavailable(frame);
  }
}

function unavailable(frame: PageFrame): Page {
  return noticeStep(frame, { step: 'unavailable', heading: frame.t.disabledHeading, body: frame.t.M_THREEPID_MEDIUM_NOT_SUPPORTED });
}

/** Each flow in words: what it asks of the person, not the stage names. */
export function flowOptions(config: TenantConfig, t: Messages): FlowOption[] {
  return config.registration.flows.map((flow, index) => {
    const has = (stage: LoginType) => flow.includes(stage);
    const label = has(LoginType.RegistrationToken)
      ? t.flowInvitation
      : has(LoginType.EmailIdentity)
        ? t.flowEmail
        : has(LoginType.Msisdn)
          ? t.flowPhone
          : has(LoginType.Recaptcha)
            ? t.flowCaptcha
            : t.flowSimple;
    return { index, label };
  });
}

/** The policies, each named and linked in the person's language where the terms config has it. */
function policiesIn(config: TenantConfig, lang: string): PolicyView[] {
  return Object.entries(config.terms?.policies ?? {}).map(([id, policy]) => {
    const texts = Object.entries(policy).filter(([key]) => key !== 'version') as [string, { name: string; url: string }][];
    const text = texts.find(([key]) => key === lang)?.[1] ?? texts.find(([key]) => key === 'en')?.[1] ?? texts[0]![1];
    return { id, name: text.name, url: text.url, version: policy.version };
  });
}

function doneView(config: TenantConfig, pages: SignupRouteDeps['pages'], userId: string) {
  const homeserverUrl = pages.homeserverUrl ?? config.threepid?.publicBaseUrl ?? config.homeserver.url;
  return {
    userId,
    homeserverUrl,
    elementWebUrl: `${pages.elementWebUrl.replace(/\/+$/, '')}/#/login?hs_url=${encodeURIComponent(homeserverUrl)}`,
    matrixToUrl: `https://matrix.to/#/${userId}`,
  };
}
