/**
 * What the running code asks of the approval settings, apart from their schema (approval-config.ts): whether
 * a tenant's sign-ups may wait, and the queue's defaults. The functions ask it at every cold start, the stack at
 * synth; the schema is for parsing a config only.
 */

/** How long a request waits for an operator unless `approval.deadlineSeconds` says otherwise: a week. */
export const DEFAULT_DEADLINE_SECONDS = 7 * 24 * 3600;

/**
 * Whether a finished sign-up of this tenant may wait for an operator: an approval rule, or a decision hook
 * (its "queue" answer sends a sign-up to the queue even when no rule would). Where this holds, the part that
 * decides (the operator API) makes accounts, so it needs the homeserver credential and the senders.
 */
export const signupsMayWait = (config: { approval?: unknown; decisionHook?: unknown }): boolean =>
  config.approval !== undefined || config.decisionHook !== undefined;
