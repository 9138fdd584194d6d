/**
 * Which items of the tenant table each function may read and write: explicit DynamoDB actions (no Scan,
 * no Batch: no adapter uses them) limited by `dynamodb:LeadingKeys` to the key prefixes its code touches
 * (functions/adapters/dynamodb/table-schema.ts). So a public sender cannot mint a registration token, and
 * no function but the operator API can create or delete one.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { REGISTRATION_TOKEN_PARTITION } from '../functions/adapters/dynamodb/table-schema.js';
import type { FunctionName } from './routes.js';

/** The partition key prefixes (table-schema.ts), as LeadingKeys patterns. */
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
} as const;

const READ = ['dynamodb:GetItem'];
/** Every write the stores make: single conditional writes and the items of TransactWriteItems. */
const WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'];

interface Grant {
  actions: string[];
  keys: string[];
}

/**
 * What each function's code does to which items (read from the adapters each compose/build.ts part wires).
 * register: the UIA engine (sessions, name holds, validations it consumes, address claims, gate passes it
 * grants, token reservations and account records), and the token's own item only to move a use (UpdateItem).
 * email/sms: validations, per-IP and daily counters, spending gate passes, reading the token a pass came from.
 * checks: validations (submit_token), counters, token validity. meter: counters. admin: the tokens.
 * lookup: nothing (it only asks the homeserver).
 */
export const TABLE_ACCESS: Record<FunctionName, Grant[]> = {
  register: [
    {
      actions: [...READ, ...WRITE],
      keys: [KEY.session, KEY.username, KEY.validation, KEY.rate, KEY.addressClaim, KEY.gatePass, KEY.tokenReservation, KEY.account],
    },
    { actions: [...READ, 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'], keys: [KEY.token] },
  ],
  email: senderAccess(),
  sms: senderAccess(),
  checks: [
    { actions: [...READ, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'], keys: [KEY.validation, KEY.rate] },
    { actions: READ, keys: [KEY.token, KEY.tokenReservation] },
  ],
  meter: [{ actions: [...READ, 'dynamodb:UpdateItem'], keys: [KEY.rate] }],
  admin: [
    { actions: [...READ, 'dynamodb:Query', ...WRITE], keys: [KEY.token] },
    { actions: READ, keys: [KEY.tokenReservation, KEY.account] },
  ],
  lookup: [],
};

function senderAccess(): Grant[] {
  return [
    {
      actions: [...READ, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
      keys: [KEY.validation, KEY.rate, KEY.gatePass],
    },
    { actions: READ, keys: [KEY.token, KEY.tokenReservation] },
  ];
}

/** Adds a function's table statements to its role. */
export function grantTableAccess(table: dynamodb.ITable, role: iam.IRole, name: FunctionName): void {
  for (const grant of TABLE_ACCESS[name]) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: grant.actions,
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': grant.keys } },
      }),
    );
  }
}
