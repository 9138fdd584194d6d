/**
 * The metrics contract (docs/metrics.md): the namespace, dimension and names the functions emit as CloudWatch
 * EMF, which the dashboard and alarms read. Change both sides together.
 */
export const METRICS_NAMESPACE = 'MatrixFrontDoor';
export const TENANT_DIMENSION = 'Tenant';

export const Metric = {
  SignupStarted: 'SignupStarted',
  /** Dimension Stage (a UIA stage type). */
  StagePassed: 'StagePassed',
  /** Dimensions Stage and Reason (an errcode or a short reason). */
  StageFailed: 'StageFailed',
  SignupCompleted: 'SignupCompleted',
  MailSent: 'MailSent',
  SmsSent: 'SmsSent',
  /** USD, the price cap (or a country estimate) of each SMS sent. */
  SmsSpendEstimateUsd: 'SmsSpendEstimateUsd',
  RateLimited: 'RateLimited',
  HomeserverLatencyMs: 'HomeserverLatencyMs',
  HomeserverErrors: 'HomeserverErrors',
  CreationRetries: 'CreationRetries',
  /** Not EMF: counted by the stack from the API's access logs (every 429, API Gateway's and the front door's). */
  HttpTooManyRequests: 'HttpTooManyRequests',
} as const;
