/**
 * The metrics contract (docs/metrics.md), as the stack's dashboard and alarms read it: the functions' own
 * EMF names (functions/model/metric-names.ts, the one source), plus what only the stack counts.
 */
import { Metric as EmittedMetric } from '../functions/model/metric-names.js';

export { METRICS_NAMESPACE, REASON_DIMENSION, STAGE_DIMENSION, TENANT_DIMENSION } from '../functions/model/metric-names.js';

export const Metric = {
  ...EmittedMetric,
  /** Not EMF: counted by the stack from the API's access logs (every 429, API Gateway's and the front door's). */
  HttpTooManyRequests: 'HttpTooManyRequests',
  /** Not EMF: failed SMS deliveries counted from SNS's failure log (with `deployment.sms.deliveryStatusLogging`), account-wide. */
  SmsDeliveryFailures: 'SmsDeliveryFailures',
} as const;
