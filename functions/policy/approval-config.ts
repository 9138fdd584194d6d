/**
 * The tenant's approval queue and decision hook settings (config keys `approval` and `decisionHook`):
 * which finished sign-ups wait for an operator, for how long, who is told; where the hook is and what its
 * silence means.
 */
import * as z from 'zod';
import { LoginType } from '../matrix/login-types.js';

const DAY_SECONDS = 24 * 3600;

export const approvalConfigSchema = z
  .object({
    /**
     * A finished sign-up waits for an operator when any of these holds: `always`; it took one of `flows`
     * (each written as in registration.flows); `withoutToken`: no registration token was used;
     * `unlessEmailIn`: it has no verified email in these domains (or their subdomains).
     */
    when: z
      .object({
        always: z.boolean().default(false),
        flows: z.array(z.array(z.enum(LoginType)).min(1)).default([]),
        withoutToken: z.boolean().default(false),
        unlessEmailIn: z.array(z.string().min(1).toLowerCase()).default([]),
      })
      .strict(),
    /** How long a request waits; after it the sealed password is destroyed and the name and addresses freed. */
    deadlineSeconds: z
      .number()
      .int()
      .min(60)
      .max(90 * DAY_SECONDS)
      .default(7 * DAY_SECONDS),
    /** Addresses told of each new request (the `signup.pending` event reaches webhooks and EventBridge too). */
    operatorEmails: z.array(z.email()).default([]),
  })
  .strict();

export type ApprovalConfig = z.infer<typeof approvalConfigSchema>;

export const decisionHookConfigSchema = z
  .object({
    /** The tenant's endpoint: HTTPS (plain HTTP only to loopback, for local runs and tests). */
    url: z
      .url({ protocol: /^https?$/ })
      .refine((u) => u.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(u), {
        message: 'must be https (http only on loopback)',
      }),
    timeoutMs: z.number().int().min(100).max(30_000).default(3000),
    /** When the hook does not answer in time or answers nonsense: `open` makes the account, `closed` refuses it. */
    onFailure: z.enum(['open', 'closed']).default('closed'),
  })
  .strict();

export type DecisionHookConfig = z.infer<typeof decisionHookConfigSchema>;

/**
 * Whether a finished sign-up of this tenant may wait for an operator: an approval rule, or a decision hook
 * (its "queue" answer sends a sign-up to the queue even when no rule would). Where this holds, the part that
 * decides (the operator API) makes accounts, so it needs the homeserver credential and the senders.
 */
export const signupsMayWait = (config: { approval?: unknown; decisionHook?: unknown }): boolean =>
  config.approval !== undefined || config.decisionHook !== undefined;
