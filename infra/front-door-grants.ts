/**
 * Least privilege for the front door's functions: the table (per function, by key prefix), each secret to
 * the functions that need it, SES and SMS to the functions that send, the owner lookup to the senders alone,
 * and the event bus to the functions that emit sign-up events.
 */
import { Arn, Aws, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { signupsMayWait } from '../functions/policy/approval-settings.js';
import type { FrontDoor, FrontDoorProps } from './front-door.js';
import { grantPutEvents } from './front-door-sweep.js';
import type { FrontDoorFunction } from './front-door-function.js';
import { grantTableAccess, type TableUser } from './table-access.js';
import { senderAddress } from './sender-address.js';

export function grantFrontDoor(frontDoor: FrontDoor, props: FrontDoorProps): void {
  const { config } = props;
  const { functions, secrets, table } = frontDoor;
  const { register, account, pages, lookup, email, sms, admin, sweep } = functions;
  for (const [name, fn] of Object.entries(functions)) {
    grantTableAccess(table, fn!.role, name as TableUser, config);
    // The sweep reads the key only to give back a closed request's token use, or with the homeserver credential.
    if (fn !== sweep) secrets.keys.grantRead(fn!.role);
    // The origin header is checked by whatever serves HTTP; the lookup and the sweep serve none.
    if (fn !== lookup && fn !== sweep) secrets.origin?.grantRead(fn!.role);
  }
  // Approving a waiting sign-up makes its account: only then does the admin function hold the homeserver
  // credential. Onboarding joins rooms through the admin API: then, and only then, the sweep calls the homeserver.
  const decider = signupsMayWait(config) ? admin : undefined;
  const joiner = config.onboarding ? sweep : undefined;
  // The account part (a password reset, an address bound) calls the admin API as register does.
  for (const fn of [register, account, pages, lookup, decider, joiner]) if (fn) secrets.homeserver.grantRead(fn.role);
  if (sweep && (config.onboarding || signupsMayWait(config))) secrets.keys.grantRead(sweep.role);
  secrets.operator.grantRead(admin.role);
  // Accounts are made by register and the sign-up page (and admin, deciding), decisions by admin, retries by the sweep too:
  // each emits events. The fallback pages only pass stages. Register keeps its bus deliveries in the outbox
  // for the sweep (no EventBridge client in its bundle): it signs webhook deliveries but puts nothing on the bus.
  for (const fn of [register, config.pages ? pages : undefined, admin, sweep]) {
    if (!fn) continue;
    secrets.events?.grantRead(fn.role);
    if (fn !== register) grantPutEvents(fn.role, frontDoor, config);
  }
  for (const fn of [email, sms]) {
    if (fn && lookup)
      fn.role.addToPolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [lookup.function.functionArn] }));
  }
  grantSending(frontDoor, props, decider);
}

/**
 * SES and SNS. The hosted sign-up page runs in the pages function and sends its own verification mail
 * and SMS; the sign-up page and the sweep (for the register function, which keeps its notices in the outbox) mail
 * the operators of each waiting sign-up;
 * the admin function, deciding, tells the person by mail or SMS. Each sends exactly as the email and sms functions may.
 */
function grantSending(frontDoor: FrontDoor, props: FrontDoorProps, decider?: FrontDoorFunction): void {
  const { config } = props;
  const { sweep, pages, email, sms } = frontDoor.functions;
  const page = config.pages ? pages : undefined;
  const notifiers = config.approval?.operatorEmails.length ? [sweep, page] : [];
  const from = config.threepid?.email?.from;
  for (const fn of new Set([email, email && page, ...notifiers.map((n) => email && n), email && decider])) {
    if (!fn || !from || !props.email) continue;
    const configurationSet = frontDoor.mailEvents?.configurationSet.configurationSetName;
    fn.role.addToPolicy(
      new iam.PolicyStatement({
        // SendEmail only: the mailer sends no raw MIME. SES authorises the identity and the configuration set.
        actions: ['ses:SendEmail'],
        resources: [
          props.email.identityArn,
          ...(configurationSet
            ? [Arn.format({ service: 'ses', resource: 'configuration-set', resourceName: configurationSet }, Stack.of(frontDoor))]
            : []),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': senderAddress(from) } },
      }),
    );
  }
  for (const fn of new Set([sms, sms && page, sms && decider])) {
    // SNS has no resource for a phone number: allow Publish on anything that is not an SNS ARN (topics,
    // platform endpoints), which leaves only phone numbers.
    fn?.role.addToPolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], notResources: [`arn:${Aws.PARTITION}:sns:*:*:*`] }));
  }
}
