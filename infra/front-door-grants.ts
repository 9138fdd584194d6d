/**
 * Least privilege for the front door's functions: the table (per function, by key prefix), each secret to
 * the functions that need it, SES and SMS to the senders, and the owner lookup to the senders alone.
 */
import { Arn, Aws, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { FrontDoor, FrontDoorProps } from './front-door.js';
import type { FunctionName } from './routes.js';
import { grantTableAccess } from './table-access.js';
import { senderAddress } from './sender-address.js';

export function grantFrontDoor(frontDoor: FrontDoor, props: FrontDoorProps): void {
  const { functions, secrets, table } = frontDoor;
  const { register, lookup, email, sms, admin } = functions;
  for (const [name, fn] of Object.entries(functions)) {
    grantTableAccess(table, fn!.role, name as FunctionName);
    secrets.keys.grantRead(fn!.role);
    // The origin header is checked by whatever serves HTTP; the lookup serves none.
    if (name !== 'lookup') secrets.origin?.grantRead(fn!.role);
  }
  for (const fn of [register, lookup]) if (fn) secrets.homeserver.grantRead(fn.role);
  secrets.operator.grantRead(admin.role);
  for (const fn of [email, sms]) {
    if (fn && lookup)
      fn.role.addToPolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [lookup.function.functionArn] }));
  }
  // The hosted sign-up page runs in the register function and sends its own verification mail and SMS.
  const page = props.config.pages ? register : undefined;
  const from = props.config.threepid?.email?.from;
  for (const fn of [email, email && page]) {
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
  for (const fn of [sms, sms && page]) {
    // SNS has no resource for a phone number: allow Publish on anything that is not an SNS ARN (topics,
    // platform endpoints), which leaves only phone numbers.
    fn?.role.addToPolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], notResources: [`arn:${Aws.PARTITION}:sns:*:*:*`] }));
  }
}
