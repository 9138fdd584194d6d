/**
 * Which items of the tenant table each function may read and write: explicit DynamoDB actions (no Scan,
 * no Batch: no adapter uses them) limited by `dynamodb:LeadingKeys` to the key prefixes its code touches
 * (functions/adapters/dynamodb/table-schema.ts). So a public sender cannot mint a registration token, and
 * no function but the operator API can create or delete one. test/infra/grants/ records every call each
 * part really makes, route by route, and evaluates it against these grants as IAM would.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import {
  APPROVAL_PARTITION,
  AUDIT_PARTITION,
  COUNTERS_PARTITION,
  FUNNEL_MARK_PREFIX,
  OUTBOX_PARTITION,
  REGISTRATION_TOKEN_PARTITION,
  SWITCHES_PARTITION,
  TERMS_PARTITION,
} from '../functions/adapters/dynamodb/table-schema.js';
import type { TenantConfig } from '../functions/config/tenant-config.js';
import { signupsMayWait } from '../functions/policy/approval-settings.js';
import type { FunctionName } from './routes.js';

/** The partition key prefixes (table-schema.ts), as LeadingKeys patterns; a shared partition is named exactly. */
export const KEY = {
  session: 'session#*',
  username: 'username#*',
  validation: 'threepid#*',
  rate: 'rate#*',
  addressClaim: 'address#*',
  gatePass: 'gate#*',
  /** Exactly the token partition: `regtoken*` would match the reservations too. */
  token: REGISTRATION_TOKEN_PARTITION,
  tokenReservation: 'regtoken-session#*',
  account: 'account#*',
  /** A password reset's session, and the mark of the validation that paid for it. */
  resetSession: 'reset#*',
  resetUse: 'reset-use#*',
  /** An `/account/3pid/add` session, and the per-user lock on the address list. */
  addSession: 'add3pid#*',
  addressListLock: 'add3pid-lock#*',
  /** Sign-up requests waiting for a decision (one partition). */
  approval: APPROVAL_PARTITION,
  /** The outbox's pending tasks (one partition, which the sweep pages through), and each task's key marker. */
  outbox: OUTBOX_PARTITION,
  outboxMarker: 'outbox-key#*',
  terms: TERMS_PARTITION,
  audit: AUDIT_PARTITION,
  /**
   * The hourly sign-up counters (one partition: the hours, and the marks of sessions counted abandoned) and the
   * live switches (one item): named exactly, as the token's.
   */
  counters: COUNTERS_PARTITION,
  switches: SWITCHES_PARTITION,
  /** The funnel counter's marks of the steps it counted, one partition per session (funnel-counts.ts). */
  funnelMark: `${FUNNEL_MARK_PREFIX}*`,
} as const;

/**
 * The console's sign-in limit (http/console/console-auth.ts: `console_sign_in`), a narrowing of KEY.rate: the
 * operator API counts its own sign-in attempts and can touch no other per-IP counter.
 */
export const CONSOLE_SIGN_IN_RATE = 'rate#console_sign_in:*';

const GET = 'dynamodb:GetItem';
const PUT = 'dynamodb:PutItem';
const UPDATE = 'dynamodb:UpdateItem';
const DELETE = 'dynamodb:DeleteItem';
const CHECK = 'dynamodb:ConditionCheckItem';
/** A shared partition is read a page at a time (the outbox, the approval queue, the records); nothing scans. */
const QUERY = 'dynamodb:Query';
const READ = [GET];
/** Every write the stores make: single conditional writes and the items of TransactWriteItems. */
const WRITE = [PUT, UPDATE, DELETE, CHECK];

export interface Grant {
  actions: string[];
  keys: string[];
}

/** Functions with no route: the scheduled sweep (issue 16). The lookup is a FunctionName (senders invoke it). */
export type TableUser = FunctionName | 'sweep' | 'funnel';

/** Adds a task to the outbox (a sign-up event, onboarding) and tries it at once: the marker and the task. */
const OUTBOX_WRITER: Grant[] = [
  { actions: [GET, PUT, UPDATE, DELETE], keys: [KEY.outbox] },
  { actions: [PUT], keys: [KEY.outboxMarker] },
];
/** Retries the outbox's due tasks (the sweep; the operator API's "sweep now"): pages, claims, settles; adds nothing. */
const OUTBOX_SWEEPER: Grant[] = [{ actions: [QUERY, GET, UPDATE, DELETE], keys: [KEY.outbox] }];
/** Adds to the hour's sign-up counters (`ADD`, one UpdateItem after a request that counted something). */
const COUNTS: Grant = { actions: [UPDATE], keys: [KEY.counters] };
/** Reads the live switches (through their 10 s cache): sign-ups, sends and the pages obey them. */
const READS_SWITCHES: Grant = { actions: [GET], keys: [KEY.switches] };

/**
 * What each function's code does to which items (read from the adapters each compose/build.ts part wires).
 * register: the UIA engine (sessions, name holds, validations it consumes, address claims, gate passes it
 * grants, token reservations and account records), and the token's own item only to move a use (UpdateItem);
 * a waiting sign-up's request (put only); the terms records and events of the accounts it makes. account:
 * the password reset (its sessions and validation marks, the per-IP counter it shares with /register) and
 * `/account/3pid/add` (its sessions, the validations it consumes, the address claims, the list lock).
 * pages: the same engine for the fallback and sign-up pages (which also send the page's own verifications:
 * validations, counters, gate passes), and the "Forgot password" page's reset (its sessions and validation
 * marks); no `/account/3pid/add`. email/sms: validations, per-IP and daily counters, spending gate passes, reading the token a pass came from
 * (a reset's or an added address's requestToken uses the same). checks: validations (submit_token),
 * counters, token validity. meter: counters. admin: the tokens, the audit log, listing the terms records,
 * retrying the outbox. lookup: nothing (it only asks the homeserver). sweep: retrying the outbox.
 * Observability (issue 17): every part that answers HTTP through the access log adds to the sign-up counters
 * (register, pages, email, sms; checks and meter count their 429s; started, passed and completed are counted from the
 * table's stream by the funnel counter) and so does the sweep (abandoned
 * requests); the parts that obey the live switches read them (register, pages, email, sms, and admin, which
 * alone sets them and reads the counters for its API and console, and counts its console's sign-in attempts).
 */
const BASE_ACCESS: Record<TableUser, Grant[]> = {
  register: [
    {
      actions: [...READ, ...WRITE],
      keys: [KEY.session, KEY.username, KEY.validation, KEY.rate, KEY.addressClaim, KEY.gatePass, KEY.tokenReservation, KEY.account],
    },
    { actions: [...READ, UPDATE, CHECK], keys: [KEY.token] },
    { actions: [PUT], keys: [KEY.approval] },
    { actions: [PUT, UPDATE, DELETE], keys: [KEY.terms] },
    ...OUTBOX_WRITER,
    COUNTS,
    READS_SWITCHES,
  ],
  account: [
    { actions: [GET, PUT, UPDATE], keys: [KEY.resetSession, KEY.addSession] },
    { actions: [GET, PUT], keys: [KEY.resetUse] },
    { actions: [PUT, DELETE], keys: [KEY.addressListLock] },
    { actions: READ, keys: [KEY.validation] },
    { actions: [PUT], keys: [KEY.addressClaim] },
    { actions: [...READ, UPDATE], keys: [KEY.rate] },
    COUNTS,
  ],
  pages: [
    {
      actions: [...READ, ...WRITE],
      keys: [KEY.session, KEY.username, KEY.validation, KEY.rate, KEY.addressClaim, KEY.gatePass, KEY.tokenReservation, KEY.account],
    },
    { actions: [...READ, UPDATE, CHECK], keys: [KEY.token] },
    { actions: [GET, PUT, UPDATE], keys: [KEY.resetSession] },
    { actions: [GET, PUT], keys: [KEY.resetUse] },
    { actions: [PUT], keys: [KEY.approval] },
    { actions: [PUT, UPDATE, DELETE], keys: [KEY.terms] },
    ...OUTBOX_WRITER,
    COUNTS,
    READS_SWITCHES,
  ],
  email: senderAccess(),
  sms: senderAccess(),
  checks: [
    { actions: [...READ, PUT, UPDATE, CHECK], keys: [KEY.validation, KEY.rate] },
    { actions: READ, keys: [KEY.token, KEY.tokenReservation] },
    COUNTS,
  ],
  meter: [{ actions: [...READ, UPDATE], keys: [KEY.rate] }, COUNTS],
  admin: [
    { actions: [...READ, QUERY, ...WRITE], keys: [KEY.token] },
    { actions: READ, keys: [KEY.tokenReservation, KEY.account] },
    { actions: [PUT, UPDATE, QUERY], keys: [KEY.audit] },
    { actions: [QUERY], keys: [KEY.terms] },
    ...OUTBOX_SWEEPER,
    { actions: [GET, UPDATE], keys: [KEY.switches] },
    // It reads the counters for the console and `GET …/counters`, and counts its own events (approved accounts).
    { actions: [QUERY, UPDATE], keys: [KEY.counters] },
    { actions: [UPDATE], keys: [CONSOLE_SIGN_IN_RATE] },
  ],
  lookup: [],
  sweep: [...OUTBOX_SWEEPER, COUNTS],
  // The stream consumer counts each step once: the hour's counter and the step's mark (an abandoned session's in
  // the counters partition, a funnel step's under its session's own `funnel#` key), all UpdateItem.
  funnel: [COUNTS, { actions: [UPDATE], keys: [KEY.funnelMark] }],
};

/**
 * Where sign-ups may wait for a decision (signupsMayWait). The admin function approves and denies: it makes
 * the account through the register function's creation (session lease, name hold, address claims, the
 * token's use, the account record, the terms records, the events) and closes the request. The sweep closes
 * requests past their deadline: the session goes, the name and addresses are freed, the token use and the
 * terms records given back.
 */
const DECIDING_ACCESS: Partial<Record<TableUser, Grant[]>> = {
  admin: [
    { actions: [...READ, ...WRITE], keys: [KEY.session, KEY.username, KEY.addressClaim, KEY.tokenReservation, KEY.account] },
    { actions: [QUERY, UPDATE], keys: [KEY.approval] },
    { actions: [PUT, UPDATE, DELETE], keys: [KEY.terms] },
    { actions: [PUT], keys: [KEY.outbox, KEY.outboxMarker] },
  ],
  sweep: [
    { actions: [QUERY, UPDATE], keys: [KEY.approval] },
    { actions: [GET, DELETE], keys: [KEY.session] },
    { actions: [DELETE], keys: [KEY.username, KEY.addressClaim] },
    { actions: [GET, UPDATE], keys: [KEY.tokenReservation] },
    { actions: [UPDATE], keys: [KEY.token] },
    { actions: [UPDATE, DELETE], keys: [KEY.terms] },
  ],
};

/** A function's table grants for this tenant. */
export function tableAccess(name: TableUser, config: TenantConfig): Grant[] {
  return [...BASE_ACCESS[name], ...(signupsMayWait(config) ? (DECIDING_ACCESS[name] ?? []) : [])];
}

function senderAccess(): Grant[] {
  return [
    {
      actions: [...READ, PUT, UPDATE, CHECK],
      keys: [KEY.validation, KEY.rate, KEY.gatePass],
    },
    { actions: READ, keys: [KEY.token, KEY.tokenReservation] },
    COUNTS,
    READS_SWITCHES,
  ];
}

/** Adds a function's table statements to its role. */
export function grantTableAccess(table: dynamodb.ITable, role: iam.IRole, name: TableUser, config: TenantConfig): void {
  for (const grant of tableAccess(name, config)) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: grant.actions,
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': grant.keys } },
      }),
    );
  }
}
