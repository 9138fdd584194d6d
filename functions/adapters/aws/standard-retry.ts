/**
 * Retries as the AWS SDK's "standard" mode decides them, for a call made without an SDK client (Secrets Manager's
 * GetSecretValue), with the SDK's own classification and figures: a throttled answer (429 or a throttling code),
 * a transient one (500, 502, 503, 504, a timeout) or a connection that failed or was cut is tried again, up to
 * 3 attempts in all (AWS_MAX_ATTEMPTS), after a full-jitter exponential backoff (base 50 ms, 1 s after a
 * throttle, at most 20 s); anything else is final. (The SDK's retry quota, which only matters to a client
 * making many calls, is left out: this one makes a few per cold start.)
 */
import { DEFAULT_MAX_ATTEMPTS, isThrottlingError, isTransientError, MAXIMUM_RETRY_DELAY, Retry } from '@smithy/core/retry';

/** What an AWS service's error answer carries, shaped as the SDK's errors are (`name` is the service's code). */
export class AwsServiceError extends Error {
  readonly $metadata: { httpStatusCode: number };
  readonly $fault: 'client' | 'server';

  constructor(code: string, status: number, message: string) {
    super(message);
    this.name = code;
    this.$metadata = { httpStatusCode: status };
    this.$fault = status >= 500 ? 'server' : 'client';
  }
}

/** `throttling`, `transient` (both retried) or `final`: the SDK's own classification (@smithy/core/retry). */
export function retryKind(error: unknown): 'throttling' | 'transient' | 'final' {
  if (typeof error !== 'object' || error === null) return 'final';
  const e = error as Parameters<typeof isThrottlingError>[0];
  if (isThrottlingError(e)) return 'throttling';
  return isTransientError(e) ? 'transient' : 'final';
}

export interface RetryOptions {
  maxAttempts?: number;
  /** Waits between attempts (tests pass one that does not wait). */
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` until it succeeds, fails for good, or has used every attempt; the last failure is thrown. */
export async function withStandardRetry<T>(
  attempt: () => Promise<T>,
  { maxAttempts = DEFAULT_MAX_ATTEMPTS, sleep = wait }: RetryOptions = {},
): Promise<T> {
  for (let retries = 0; ; retries += 1) {
    try {
      return await attempt();
    } catch (error) {
      const kind = retryKind(error);
      if (kind === 'final' || retries + 1 >= maxAttempts) throw error;
      const base = kind === 'throttling' ? Retry.throttlingDelay() : Retry.delay();
      await sleep(Math.floor(Math.random() * Math.min(base * 2 ** retries, MAXIMUM_RETRY_DELAY)));
    }
  }
}

/** AWS_MAX_ATTEMPTS as the SDK reads it: a whole number of attempts, at least 1; the default otherwise. */
export function maxAttemptsFrom(env: Record<string, string | undefined>): number {
  const value = Number(env.AWS_MAX_ATTEMPTS);
  return Number.isInteger(value) && value >= 1 ? value : DEFAULT_MAX_ATTEMPTS;
}
