/** What the operator console is built from: the same ports the operator API uses, and who may sign in. */
import type { TenantConfig } from '../../config/tenant-config.js';
import type { Logger } from '../../model/log.js';
import type { AuditLog } from '../../ports/audit.js';
import type { Clock } from '../../ports/clock.js';
import type { KeyedHash } from '../../crypto/keyed-hash.js';
import type { RateLimiter } from '../../ports/index.js';
import type { ConsoleSignIn } from '../../ports/console-sign-in.js';
import type { SignupCounters } from '../../ports/signup-counters.js';
import type { SwitchStore } from '../../ports/switches.js';
import type { TermsRecordStore } from '../../ports/terms-records.js';
import type { RegistrationTokens } from '../../policy/registration-tokens.js';
import type { Approvals } from '../../uia/approvals.js';
import type { OperatorCredential } from '../routes/operator-auth.js';
import type { ConsoleCookies } from './console-state.js';
import { ADMIN_PREFIX } from '../route-table.js';

/**
 * Where the console is served: under the operator API's prefix, so the route table's admin catch-all
 * already sends it to the admin part (the only one holding the operator keys), in AWS as locally.
 */
export const CONSOLE_PATH = `${ADMIN_PREFIX}/console`;

export interface ConsoleDeps {
  config: TenantConfig;
  cookies: ConsoleCookies;
  clock: Clock;
  log: Logger;
  /** Homeserver admins sign in through it; absent, only operator keys can. */
  signIn?: ConsoleSignIn;
  operatorKeys: readonly OperatorCredential[];
  audit: AuditLog;
  tokens: RegistrationTokens;
  inviteUrl(token: string): string | undefined;
  terms: TermsRecordStore;
  /** When the tenant's sign-ups may wait for approval. */
  approvals?: Approvals;
  /** The sign-up counters (the overview's charts), when this front door keeps them. */
  counters?: SignupCounters;
  /** The live switches, when this front door has them. */
  switches?: SwitchStore;
  /** Sign-in attempts per client network (a password guesser meets the front door's limit before the homeserver's). */
  signInLimit?: { limiter: RateLimiter; hasher: KeyedHash; max: number; windowSeconds: number };
}
