/**
 * What the client sees when an outside system fails: the one place a port failure (the homeserver, a
 * mailer or SMS sender, a captcha provider, a throttled store) becomes a Matrix error.
 */
import { isTransientFailure } from '../model/transient-failure.js';
import { CaptchaUnavailable, HomeserverError, HomeserverProxyError, NotifyError } from '../ports/index.js';
import {
  exclusive,
  homeserverTimedOut,
  homeserverUnreachable,
  invalidParam,
  invalidUsername,
  limitExceeded,
  type MatrixError,
  temporarilyUnavailable,
  userInUse,
} from './errors.js';

/**
 * The Matrix error for a port failure, with the failure as its `cause` (for the log); any other error
 * comes back as it is, and so does a homeserver found misconfigured (the operator's fault, a 500).
 */
export function clientErrorFor(error: unknown): unknown {
  const answer = matrixErrorFor(error);
  if (!answer) return error;
  answer.cause = error;
  return answer;
}

/** For `.catch(...)`: throws what `clientErrorFor` gives. */
export function rethrowForClient(error: unknown): never {
  throw clientErrorFor(error);
}

function matrixErrorFor(error: unknown): MatrixError | undefined {
  if (error instanceof HomeserverError) return homeserverFailure(error);
  // A pass-through is a gateway: no answer is a 502, no answer in time a 504.
  if (error instanceof HomeserverProxyError) return error.kind === 'timeout' ? homeserverTimedOut() : homeserverUnreachable();
  if (error instanceof NotifyError) {
    return error.kind === 'unavailable'
      ? temporarilyUnavailable('The message could not be sent just now; try again shortly')
      : invalidParam('We could not send a message to this address');
  }
  if (error instanceof CaptchaUnavailable) return temporarilyUnavailable('The captcha could not be checked just now; try again shortly');
  // Nothing was decided: every write is conditional, so the same call again is safe.
  if (isTransientFailure(error)) return temporarilyUnavailable('The service is busy; try again shortly');
  return undefined;
}

/** Retryable when the homeserver is down or slow; otherwise its own answer, in the client API's terms. */
function homeserverFailure(error: HomeserverError): MatrixError | undefined {
  switch (error.kind) {
    case 'unavailable':
      return temporarilyUnavailable('The homeserver is not answering; try again shortly');
    case 'rate-limited': {
      const seconds = Math.min(60, Math.max(1, Math.ceil((error.retryAfterMs ?? 2000) / 1000)));
      return limitExceeded(seconds, 'The homeserver is busy; try again shortly');
    }
    case 'exclusive':
      return exclusive(error.message);
    case 'refused':
      return invalidParam(error.message);
    case 'user-in-use':
      return userInUse();
    case 'invalid-username':
      return invalidUsername(error.message);
    case 'misconfigured':
      return undefined;
  }
}
