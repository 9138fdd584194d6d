/**
 * The narrow interfaces the core uses to reach the world, one file per family: the stores, the homeserver,
 * notification, captcha, the clock, sealing secrets. Adapters implement them; only the wiring chooses which.
 * Importers take every port from here.
 */
export * from './account-threepids.js';
export * from './captcha.js';
export * from './clock.js';
export * from './homeserver.js';
export * from './homeserver-proxy.js';
export * from './notify.js';
export * from './secret-box.js';
export * from './store.js';
export type { MailContent, MailTemplates, Messages } from './messages.js';
export type { SendGate } from './send-gate.js';
export type { ReserveResult, TokenReservations } from './token-reservations.js';
export * from './password-reset.js';
export type {
  Admission,
  AdmissionVerdict,
  ApprovalIntake,
  ApprovalMessages,
  ApprovalStore,
  CreationContext,
  EnqueueOutcome,
} from './approvals.js';
export { DecisionHookUnavailable, type DecisionHook, type HookAnswer, type SignupFactsForHook } from './decision-hook.js';
