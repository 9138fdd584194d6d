/**
 * Turns an SES or SNS client error into a NotifyError, named by code and status only: the services'
 * messages can echo the address or the text, which holds a code or a link.
 */
import { NotifyError } from '../ports/index.js';

export interface FailureNames {
  /** Error codes worth a retry (throttling, the service's own faults). */
  unavailable: ReadonlySet<string>;
  /** Error codes that say this message will not go out as asked. */
  rejected: ReadonlySet<string>;
}

interface AwsErrorShape {
  name?: string;
  Code?: string;
  code?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

export function notifyFailure(what: string, error: unknown, names: FailureNames): NotifyError {
  const e = (error ?? {}) as AwsErrorShape;
  const code = (e.Code ?? e.name ?? 'UnknownError').replace(/[^\w.-]/g, '').slice(0, 64);
  const status = e.$metadata?.httpStatusCode ?? 0; // 0: no answer at all (network, timeout)
  const message = `${what} failed: ${code}${status ? ` (HTTP ${status})` : ''}${e.code ? ` ${e.code}` : ''}`;
  return new NotifyError(kindOf([code, e.name ?? ''], status, e, names), message);
}

function kindOf(codes: string[], status: number, e: AwsErrorShape, names: FailureNames): NotifyError['kind'] {
  if (codes.some((n) => names.unavailable.has(n))) return 'unavailable';
  if (codes.some((n) => names.rejected.has(n))) return 'rejected';
  if (e.$retryable) return 'unavailable';
  return status >= 400 && status < 500 && status !== 429 ? 'rejected' : 'unavailable';
}
