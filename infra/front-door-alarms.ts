/** CloudWatch alarms for one tenant: API 5xx, each function's errors and throttles, and SMS spend. */
import { Duration, Validations } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface FrontDoorAlarmsProps {
  tenantName: string;
  api: apigw.IHttpApi;
  functions: Record<string, lambda.IFunction>;
  /** Alarm when the account's month-to-date SMS spend (USD) reaches this; no alarm without SMS. */
  smsMonthlySpendAlarmUsd?: number;
  /** Where alarms go; without it a topic is made here. */
  topicArn?: string;
  /** Subscribed to the topic made here. */
  email?: string;
}

const PERIOD = Duration.minutes(5);

export class FrontDoorAlarms extends Construct {
  readonly topic: sns.ITopic;
  readonly alarms: cloudwatch.Alarm[] = [];
  private readonly tenantName: string;

  constructor(scope: Construct, id: string, props: FrontDoorAlarmsProps) {
    super(scope, id);
    this.tenantName = props.tenantName;
    this.topic = props.topicArn ? sns.Topic.fromTopicArn(this, 'Topic', props.topicArn) : this.newTopic(props.email);

    // 5xx from the front door means the homeserver is unreachable or the front door is broken.
    this.add('Api5xx', props.api.metricServerError({ period: PERIOD, statistic: 'Sum' }), 5, 'the HTTP API answered 5xx');
    for (const [name, fn] of Object.entries(props.functions)) {
      // Hono turns handler failures into 500s; a Lambda error is a crash, a timeout or a failed cold start.
      this.add(`${name}Errors`, fn.metricErrors({ period: PERIOD, statistic: 'Sum' }), 1, `the ${name} function failed`);
      this.add(`${name}Throttles`, fn.metricThrottles({ period: PERIOD, statistic: 'Sum' }), 1, `the ${name} function was throttled`);
    }
    if (props.smsMonthlySpendAlarmUsd !== undefined) {
      // Account-wide in this region: SNS reports SMS spend per account, not per sender.
      const spend = new cloudwatch.Metric({
        namespace: 'AWS/SNS',
        metricName: 'SMSMonthToDateSpentUSD',
        period: PERIOD,
        statistic: 'Maximum',
      });
      this.add('SmsSpend', spend, props.smsMonthlySpendAlarmUsd, `month-to-date SMS spend reached ${props.smsMonthlySpendAlarmUsd} USD`);
    }
  }

  private newTopic(email: string | undefined): sns.Topic {
    const topic = new sns.Topic(this, 'Topic', { displayName: `Matrix front door ${this.tenantName} alarms`, enforceSSL: true });
    if (email) topic.addSubscription(new subscriptions.EmailSubscription(email));
    Validations.of(topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notifications carry only alarm names and metric values; CloudWatch cannot publish to a topic under the AWS-managed SNS key, and a customer key per tenant would cost more than what it protects. Pass alarms.topicArn to use an encrypted topic of your own.',
    });
    return topic;
  }

  private add(id: string, metric: cloudwatch.IMetric, threshold: number, what: string): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `Matrix front door "${this.tenantName}": ${what}.`,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
