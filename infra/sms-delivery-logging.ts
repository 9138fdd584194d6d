/**
 * SNS SMS delivery-status logging, which is an ACCOUNT-WIDE setting of the region (SetSMSAttributes), made
 * by the stack when the tenant file asks (`deployment.sms.deliveryStatusLogging`): the role SNS writes
 * CloudWatch Logs with, the attributes set through a custom resource, the failure log group, and a metric
 * filter counting its lines for the SMS-failure alarm. Removing the stack leaves the setting and its role in
 * place (retained), so whatever else in the account sends SMS keeps its logs; docs/deploy.md says how to undo it.
 */
import { Aws, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { Metric, METRICS_NAMESPACE } from './metric-names.js';

export interface SmsDeliveryLoggingProps {
  /** The share of successful deliveries SNS logs too (failures always). */
  successSamplingPercent: number;
  /** The failure log group exists already (logging was set up before, or by an earlier stack): use it. */
  failureLogGroupExists: boolean;
  logRetention: logs.RetentionDays;
}

/** The log group SNS writes failed SMS deliveries to (published to a phone number, not a topic). */
export const smsFailureLogGroupName = (region: string, account: string) => `sns/${region}/${account}/DirectPublishToPhoneNumber/Failure`;

export class SmsDeliveryLogging extends Construct {
  /** The role SNS assumes to write the delivery logs. */
  readonly role: iam.Role;
  readonly failureLogGroup: logs.ILogGroup;
  /** Failed SMS deliveries, one per failure log line (no dimension: the log is the account's, in this region). */
  readonly failures: cloudwatch.Metric;

  constructor(scope: Construct, id: string, props: SmsDeliveryLoggingProps) {
    super(scope, id);
    this.role = this.snsRole();
    const name = smsFailureLogGroupName(Aws.REGION, Aws.ACCOUNT_ID);
    this.failureLogGroup = props.failureLogGroupExists
      ? logs.LogGroup.fromLogGroupName(this, 'FailureLogs', name)
      : new logs.LogGroup(this, 'FailureLogs', { logGroupName: name, retention: props.logRetention, removalPolicy: RemovalPolicy.RETAIN });
    const filter = new logs.MetricFilter(this, 'FailureFilter', {
      logGroup: this.failureLogGroup,
      filterPattern: logs.FilterPattern.stringValue('$.status', '=', 'FAILURE'),
      metricNamespace: METRICS_NAMESPACE,
      metricName: Metric.SmsDeliveryFailures,
      metricValue: '1',
    });
    this.failures = filter.metric({ period: Duration.hours(1), statistic: 'Sum' });
    this.setAttributes(props.successSamplingPercent, props.logRetention);
  }

  /** SNS's role: create and write its SMS delivery log groups in this account and region, nothing else. */
  private snsRole(): iam.Role {
    const role = new iam.Role(this, 'SnsLogsRole', {
      assumedBy: new iam.ServicePrincipal('sns.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } } }),
      description: 'SNS writes SMS delivery status (account-wide setting) to CloudWatch Logs',
    });
    const groups = `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:sns/${Aws.REGION}/${Aws.ACCOUNT_ID}/DirectPublishToPhoneNumber*`;
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:PutMetricFilter', 'logs:PutRetentionPolicy'],
        resources: [groups, `${groups}:*`],
      }),
    );
    // Kept when the stack goes: the account setting stays, and must not point at a role that is gone.
    role.applyRemovalPolicy(RemovalPolicy.RETAIN);
    const found =
      'arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:sns/<AWS::Region>/<AWS::AccountId>/DirectPublishToPhoneNumber*';
    for (const resource of [found, `${found}:*`]) {
      Validations.of(role.node.findChild('DefaultPolicy')).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::${resource}]`,
        reason:
          'SNS names its SMS delivery log groups (and their streams) itself: the success group and the /Failure one share this prefix.',
      });
    }
    return role;
  }

  /** SetSMSAttributes on create and update; nothing on delete (the setting stays, with its retained role). */
  private setAttributes(successSamplingPercent: number, logRetention: logs.RetentionDays): void {
    const call = {
      service: 'SNS',
      action: 'setSMSAttributes',
      parameters: {
        attributes: { DeliveryStatusIAMRole: this.role.roleArn, DeliveryStatusSuccessSamplingRate: String(successSamplingPercent) },
      },
      physicalResourceId: PhysicalResourceId.of('sms-delivery-status-logging'),
    };
    // The custom resource's function gets a role and log group of its own, not the managed basic execution role.
    const logGroup = new logs.LogGroup(this, 'SetterLogs', { retention: logRetention, removalPolicy: RemovalPolicy.RETAIN });
    const role = new iam.Role(this, 'SetterRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Sets the account SMS delivery-status attributes',
    });
    role.addToPolicy(
      new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }),
    );
    const resource = new AwsCustomResource(this, 'SmsAttributes', {
      onCreate: call,
      onUpdate: call,
      installLatestAwsSdk: false,
      role,
      logGroup,
      policy: AwsCustomResourcePolicy.fromStatements([
        // SetSMSAttributes has no resource to name: it sets the account's SMS defaults.
        new iam.PolicyStatement({ actions: ['sns:SetSMSAttributes'], resources: ['*'] }),
        new iam.PolicyStatement({
          actions: ['iam:PassRole'],
          resources: [this.role.roleArn],
          conditions: { StringEquals: { 'iam:PassedToService': 'sns.amazonaws.com' } },
        }),
      ]),
    });
    resource.node.addDependency(this.role);
    Validations.of(resource.node.findChild('CustomResourcePolicy')).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason: "sns:SetSMSAttributes takes no resource: it sets the account's SMS defaults in the region.",
    });
  }
}
