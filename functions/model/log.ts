/**
 * Structured JSON log lines. Callers pass facts, never request bodies: nothing secret reaches a log. Each
 * line carries the fields Powertools Logger writes (service, cold_start, function_name, function_request_id,
 * xray_trace_id) and the tenant, taken from the request being answered and the Lambda's environment.
 */
import { currentRequest } from './request-context.js';

export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export const SERVICE_NAME = 'matrix-front-door';

/** What every line says about where it was written: absent fields (locally, outside a request) are left out. */
function contextFields(): LogFields {
  const request = currentRequest();
  const env = process.env;
  return {
    service: SERVICE_NAME,
    tenant: env.FRONT_DOOR_TENANT,
    function_name: env.AWS_LAMBDA_FUNCTION_NAME,
    function_request_id: request?.requestId,
    cold_start: request?.coldStart,
    route: request?.route,
    // Set by Lambda per invocation when the function's Tracing is Active (X-Ray).
    xray_trace_id: env._X_AMZN_TRACE_ID,
  };
}

export function jsonLogger(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Logger {
  const emit =
    (level: string) =>
    (event: string, fields: LogFields = {}) =>
      write(JSON.stringify({ level, event, time: new Date().toISOString(), ...contextFields(), ...fields }));
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
