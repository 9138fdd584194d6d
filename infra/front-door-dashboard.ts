/**
 * One CloudWatch dashboard per tenant: the sign-up funnel, failures by stage and reason, SMS sent and spent
 * today against the ceiling, homeserver health, and latency p50/p99 per route. The funnel and SMS widgets
 * read the EMF metrics of the contract in infra/metric-names.ts (docs/metrics.md).
 */
import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { TenantConfig } from '../functions/config/tenant-config.js';
import { Metric, METRICS_NAMESPACE, TENANT_DIMENSION } from './metric-names.js';

export interface FrontDoorDashboardProps {
  tenantName: string;
  config: TenantConfig;
  api: apigw.IHttpApi;
  accessLogs: logs.ILogGroup;
  tooManyRequests: cloudwatch.IMetric;
}

const HOUR = Duration.hours(1);
const DAY = Duration.days(1);

export class FrontDoorDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;
  private readonly tenant: string;

  constructor(scope: Construct, id: string, props: FrontDoorDashboardProps) {
    super(scope, id);
    this.tenant = props.tenantName;
    // No name: CloudFormation makes one (two tenants, or two stages, share an account).
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { defaultInterval: Duration.days(1) });
    this.dashboard.addWidgets(this.funnel(), this.failures());
    if (props.config.threepid?.msisdn) this.dashboard.addWidgets(...this.sms(props.config));
    this.dashboard.addWidgets(this.homeserver(), this.refusals(props.tooManyRequests));
    this.dashboard.addWidgets(...this.latency(props.api, props.accessLogs));
  }

  private metric(name: string, statistic = 'Sum', period = HOUR, extra: Record<string, string> = {}): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: METRICS_NAMESPACE,
      metricName: name,
      dimensionsMap: { [TENANT_DIMENSION]: this.tenant, ...extra },
      statistic,
      period,
    });
  }

  /** Every value of the metric's other dimensions, found at view time (stages and reasons are open-ended). */
  private search(name: string, dimensions: string[], label: string, period = HOUR): cloudwatch.MathExpression {
    const schema = [METRICS_NAMESPACE, TENANT_DIMENSION, ...dimensions].join(',');
    return new cloudwatch.MathExpression({
      expression: `SEARCH('{${schema}} MetricName="${name}" ${TENANT_DIMENSION}="${this.tenant}"', 'Sum', ${period.toSeconds()})`,
      label,
      period,
      usingMetrics: {},
    });
  }

  private funnel(): cloudwatch.IWidget {
    return new cloudwatch.GraphWidget({
      title: 'Sign-up funnel: started, each stage passed, completed',
      width: 12,
      left: [
        this.metric(Metric.SignupStarted).with({ label: 'started' }),
        this.search(Metric.StagePassed, ['Stage'], 'passed'),
        this.metric(Metric.SignupCompleted).with({ label: 'completed' }),
      ],
    });
  }

  private failures(): cloudwatch.IWidget {
    return new cloudwatch.GraphWidget({
      title: 'Stage failures by stage and reason',
      width: 12,
      left: [this.search(Metric.StageFailed, ['Stage', 'Reason'], 'failed')],
    });
  }

  /** Today's SMS count and spend estimate against the daily ceiling (smsPerDay, and smsPerDay × maxPriceUsd). */
  private sms(config: TenantConfig): cloudwatch.IWidget[] {
    const perDay = config.rateLimits?.smsPerDay;
    const price = config.threepid?.msisdn?.maxPriceUsd;
    const count = new cloudwatch.GraphWidget({
      title: 'SMS sent per day, against smsPerDay',
      width: 12,
      left: [this.metric(Metric.SmsSent, 'Sum', DAY).with({ label: 'SMS sent' })],
      ...(perDay ? { leftAnnotations: [{ value: perDay, label: 'smsPerDay', color: '#d62728' }] } : {}),
    });
    const ceiling = perDay && price ? perDay * price : undefined;
    const spend = new cloudwatch.GraphWidget({
      title: 'SMS spend per day (USD): the estimate against the ceiling, and the account month to date',
      width: 12,
      left: [this.metric(Metric.SmsSpendEstimateUsd, 'Sum', DAY).with({ label: 'estimate, this tenant' })],
      right: [
        new cloudwatch.Metric({
          namespace: 'AWS/SNS',
          metricName: 'SMSMonthToDateSpentUSD',
          statistic: 'Maximum',
          period: HOUR,
          label: 'account, month to date',
        }),
      ],
      ...(ceiling ? { leftAnnotations: [{ value: ceiling, label: 'smsPerDay × maxPriceUsd', color: '#d62728' }] } : {}),
    });
    return [count, spend];
  }

  private homeserver(): cloudwatch.IWidget {
    return new cloudwatch.GraphWidget({
      title: 'Homeserver: latency p50/p99 (ms), errors, creation retries',
      width: 12,
      left: [
        this.metric(Metric.HomeserverLatencyMs, 'p50', Duration.minutes(5)).with({ label: 'p50' }),
        this.metric(Metric.HomeserverLatencyMs, 'p99', Duration.minutes(5)).with({ label: 'p99' }),
      ],
      right: [
        this.metric(Metric.HomeserverErrors, 'Sum', Duration.minutes(5)).with({ label: 'errors' }),
        this.metric(Metric.CreationRetries, 'Sum', Duration.minutes(5)).with({ label: 'creation retries' }),
      ],
    });
  }

  private refusals(tooManyRequests: cloudwatch.IMetric): cloudwatch.IWidget {
    return new cloudwatch.GraphWidget({
      title: 'Refused: 429 answers (access logs) and rate-limit decisions, mails sent',
      width: 12,
      left: [tooManyRequests, this.metric(Metric.RateLimited, 'Sum', Duration.minutes(5)).with({ label: 'rate limited' })],
      right: [this.metric(Metric.MailSent, 'Sum', HOUR).with({ label: 'mails sent' })],
    });
  }

  /**
   * p50/p99 per route from the access logs (Logs Insights): per-route API Gateway metrics would need detailed
   * metrics, billed as custom metrics per route; the stage-wide Latency metric beside them is free.
   */
  private latency(api: apigw.IHttpApi, accessLogs: logs.ILogGroup): cloudwatch.IWidget[] {
    const perRoute = new cloudwatch.LogQueryWidget({
      title: 'Latency per route (ms): p50 and p99',
      width: 12,
      logGroupNames: [accessLogs.logGroupName],
      view: cloudwatch.LogQueryVisualizationType.TABLE,
      queryLines: [
        'fields route, latencyMs',
        'stats count(*) as requests, pct(latencyMs, 50) as p50, pct(latencyMs, 99) as p99 by route',
        'sort requests desc',
      ],
    });
    const overall = new cloudwatch.GraphWidget({
      title: 'API latency, all routes (ms)',
      width: 12,
      left: [
        api.metricLatency({ statistic: 'p50', period: Duration.minutes(5), label: 'p50' }),
        api.metricLatency({ statistic: 'p99', period: Duration.minutes(5), label: 'p99' }),
      ],
    });
    return [perRoute, overall];
  }
}
