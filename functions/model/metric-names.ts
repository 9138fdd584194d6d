/**
 * The metrics contract (docs/metrics.md): the namespace, dimensions and names the functions emit as
 * CloudWatch EMF and the stack's dashboard and alarms read (infra/metric-names.ts adds what only the stack
 * counts). The one source of these names.
 */
export const METRICS_NAMESPACE = 'MatrixFrontDoor';
export const TENANT_DIMENSION = 'Tenant';
export const STAGE_DIMENSION = 'Stage';
export const REASON_DIMENSION = 'Reason';

export const Metric = {
  SignupStarted: 'SignupStarted',
  StagePassed: 'StagePassed',
  StageFailed: 'StageFailed',
  SignupCompleted: 'SignupCompleted',
  SignupAbandoned: 'SignupAbandoned',
  MailSent: 'MailSent',
  SmsSent: 'SmsSent',
  SmsSpendEstimateUsd: 'SmsSpendEstimateUsd',
  RateLimited: 'RateLimited',
  HomeserverLatencyMs: 'HomeserverLatencyMs',
  HomeserverErrors: 'HomeserverErrors',
  CreationRetries: 'CreationRetries',
} as const;
