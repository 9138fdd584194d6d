/**
 * CloudWatch alarms for one tenant, sent to a subscriber the tenant file must name: API 5xx, each function's
 * errors and throttles, storms of 429s, SES bounces and complaints, SMS spend and failed SMS deliveries.
 */
import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { MailEvents } from './mail-events.js';
import { Metric, METRICS_NAMESPACE } from './metric-names.js';

export interface AlarmSettings {
  topicArn?: string;
  email?: string;
  notifyNobody: boolean;
  tooManyRequestsPer5Minutes: number;
  bouncesPerHour: number;
  complaintsPerHour: number;
}

export interface FrontDoorAlarmsProps {
  tenantName: string;
  api: apigw.IHttpApi;
  /** The API's JSON access logs: every 429 (API Gateway's throttle and the front door's limits) is counted from them. */
  accessLogs: logs.ILogGroup;
  functions: Record<string, lambda.IFunction>;
  settings: AlarmSettings;
  /** With SMS: the account's month-to-date spend (USD) and failed deliveries per hour that raise an alarm. */
  sms?: SmsAlarmSettings;
  mailEvents?: MailEvents;
}

const PERIOD = Duration.minutes(5);

export interface SmsAlarmSettings {
  monthlySpendAlarmUsd: number;
  failedDeliveriesAlarm: number;
  /** Failed deliveries per hour from the stack's metric filter on SNS's failure log (sms-delivery-logging.ts). */
  failures?: cloudwatch.IMetric;
}

export class FrontDoorAlarms extends Construct {
  readonly topic: sns.ITopic;
  readonly alarms: cloudwatch.Alarm[] = [];
  /** 429 answers per five minutes, from the access logs (also on the dashboard). */
  readonly tooManyRequests: cloudwatch.Metric;
  private readonly tenantName: string;

  constructor(scope: Construct, id: string, props: FrontDoorAlarmsProps) {
    super(scope, id);
    this.tenantName = props.tenantName;
    const { settings } = props;
    this.topic = settings.topicArn ? sns.Topic.fromTopicArn(this, 'Topic', settings.topicArn) : this.newTopic(settings.email);

    // 5xx from the front door means the homeserver is unreachable or the front door is broken.
    this.add('Api5xx', props.api.metricServerError({ period: PERIOD, statistic: 'Sum' }), 5, 'the HTTP API answered 5xx');
    for (const [name, fn] of Object.entries(props.functions)) {
      // Hono turns handler failures into 500s; a Lambda error is a crash, a timeout or a failed cold start.
      this.add(`${name}Errors`, fn.metricErrors({ period: PERIOD, statistic: 'Sum' }), 1, `the ${name} function failed`);
      this.add(`${name}Throttles`, fn.metricThrottles({ period: PERIOD, statistic: 'Sum' }), 1, `the ${name} function was throttled`);
    }
    this.tooManyRequests = this.countTooManyRequests(props.accessLogs);
    this.add(
      'TooManyRequests',
      this.tooManyRequests,
      settings.tooManyRequestsPer5Minutes,
      'a storm of 429 answers (someone is hammering the front door)',
    );
    if (props.mailEvents) {
      const { bouncesPerHour, complaintsPerHour } = settings;
      this.add(
        'MailBounces',
        props.mailEvents.metric('Bounce'),
        bouncesPerHour,
        `${bouncesPerHour} or more verification mails bounced within an hour`,
      );
      this.add('MailComplaints', props.mailEvents.metric('Complaint'), complaintsPerHour, 'recipients marked verification mail as spam');
    }
    if (props.sms) this.smsAlarms(props.sms);
  }

  private smsAlarms(sms: SmsAlarmSettings): void {
    // Account-wide in this region: SNS reports SMS spend and deliveries per account, not per sender.
    const spend = new cloudwatch.Metric({
      namespace: 'AWS/SNS',
      metricName: 'SMSMonthToDateSpentUSD',
      period: PERIOD,
      statistic: 'Maximum',
    });
    this.add('SmsSpend', spend, sms.monthlySpendAlarmUsd, `month-to-date SMS spend reached ${sms.monthlySpendAlarmUsd} USD`);
    // SNS reports failures only while delivery-status logging is on: the stack's own count of the failure log
    // when the stack turns it on, SNS's metric otherwise (which stays empty unless logging was set by hand).
    const failed =
      sms.failures ??
      new cloudwatch.Metric({
        namespace: 'AWS/SNS',
        metricName: 'NumberOfNotificationsFailed',
        // What SNS reports for SMS published straight to a phone number (no topic).
        dimensionsMap: { PhoneNumber: 'PhoneNumberDirect' },
        period: Duration.hours(1),
        statistic: 'Sum',
      });
    this.add('SmsFailures', failed, sms.failedDeliveriesAlarm, `${sms.failedDeliveriesAlarm} or more SMS failed to deliver within an hour`);
  }

  /** A metric filter on the access logs: one count per 429, whichever layer refused. */
  private countTooManyRequests(accessLogs: logs.ILogGroup): cloudwatch.Metric {
    const filter = new logs.MetricFilter(this, 'TooManyRequestsFilter', {
      logGroup: accessLogs,
      filterPattern: logs.FilterPattern.stringValue('$.status', '=', '429'),
      metricNamespace: METRICS_NAMESPACE,
      metricName: Metric.HttpTooManyRequests,
      metricValue: '1',
      dimensions: { Tenant: '$.tenant' },
    });
    return filter.metric({ period: PERIOD, statistic: 'Sum', dimensionsMap: { Tenant: this.tenantName } });
  }

  private newTopic(email: string | undefined): sns.Topic {
    const topic = new sns.Topic(this, 'Topic', { displayName: `Matrix front door ${this.tenantName} alarms`, enforceSSL: true });
    // Unencrypted on purpose (cdk-nag's SNS2 does not fire on it): alarm notifications carry only alarm names
    // and metric values, and CloudWatch cannot publish to a topic under the AWS-managed SNS key. Pass
    // alarms.topicArn to use an encrypted topic of your own.
    if (email) topic.addSubscription(new subscriptions.EmailSubscription(email));
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
