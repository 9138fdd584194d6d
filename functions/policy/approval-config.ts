/**
 * The tenant's approval queue and decision hook settings (config keys `approval` and `decisionHook`):
 * which finished sign-ups wait for an operator, for how long, who is told; where the hook is and what its
 * silence means.
 */
import * as z from 'zod/mini';
import { httpUrl, integer } from '../model/schema-parts.js';
import { LoginType } from '../matrix/login-types.js';
import { DEFAULT_DEADLINE_SECONDS } from './approval-settings.js';

const DAY_SECONDS = 24 * 3600;

export const approvalConfigSchema = () =>
  z.strictObject({
    /**
     * A finished sign-up waits for an operator when any of these holds: `always`; it took one of `flows`
     * (each written as in registration.flows); `withoutToken`: no registration token was used;
     * `unlessEmailIn`: it has no verified email in these domains (or their subdomains).
     */
    when: z.strictObject({
      always: z._default(z.boolean(), false),
      flows: z._default(z.array(z.array(z.enum(LoginType)).check(z.minLength(1))), []),
      withoutToken: z._default(z.boolean(), false),
      unlessEmailIn: z._default(z.array(z.string().check(z.minLength(1), z.toLowerCase())), []),
    }),
    /** How long a request waits; after it the sealed password is destroyed and the name and addresses freed. */
    deadlineSeconds: z._default(integer(60, 90 * DAY_SECONDS), DEFAULT_DEADLINE_SECONDS),
    /** Addresses told of each new request (the `signup.pending` event reaches webhooks and EventBridge too). */
    operatorEmails: z._default(z.array(z.email()), []),
  });

export type ApprovalConfig = z.infer<ReturnType<typeof approvalConfigSchema>>;

export const decisionHookConfigSchema = () =>
  z.strictObject({
    /** The tenant's endpoint: HTTPS (plain HTTP only to loopback, for local runs and tests). */
    url: httpUrl().check(
      z.refine((u) => u.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(u), {
        message: 'must be https (http only on loopback)',
      }),
    ),
    timeoutMs: z._default(integer(100, 30_000), 3000),
    /** When the hook does not answer in time or answers nonsense: `open` makes the account, `closed` refuses it. */
    onFailure: z._default(z.enum(['open', 'closed']), 'closed'),
  });

export type DecisionHookConfig = z.infer<ReturnType<typeof decisionHookConfigSchema>>;
