/** JSON over HTTP to the homeserver, with a deadline; transport faults become a retryable HomeserverError. */
import { HomeserverError } from '../../ports/index.js';
import { ErrCode } from '../../matrix/errcodes.js';
import { fetchTransport, type HomeserverTransport, nodeTransport } from './node-transport.js';

export interface HomeserverReply {
  status: number;
  body: Record<string, unknown>;
  /** The homeserver's Retry-After, in ms, when it sent one. */
  retryAfterMs?: number;
  /** The homeserver's own clock (its Date header, epoch ms), when it sent one. */
  date?: number;
}

export interface HomeserverHttp {
  request(method: string, path: string, options?: { body?: unknown; token?: string }): Promise<HomeserverReply>;
}

/** A header (name and secret value) that the homeserver's CDN or proxy requires before it passes an admin call on. */
export interface AdminHeader {
  name: string;
  value: string;
}

const ADMIN_PATH = '/_synapse/admin/';

/** Told of each call: how long it took, and whether it failed (no answer, or a 5xx). */
export type HomeserverCallObserver = (ms: number, failed: boolean) => void;

/** `fetchImpl`: the calls go through it when given (tests count or break them); through node:http otherwise. */
export function homeserverHttp(
  baseUrl: string,
  timeoutMs: number,
  fetchImpl?: typeof fetch,
  adminHeader?: AdminHeader,
  observe?: HomeserverCallObserver,
): HomeserverHttp {
  const http = plainHomeserverHttp(baseUrl, timeoutMs, fetchImpl ? fetchTransport(fetchImpl) : nodeTransport, adminHeader);
  if (!observe) return http;
  return {
    async request(method, path, options) {
      const started = performance.now();
      try {
        const reply = await http.request(method, path, options);
        observe(performance.now() - started, false);
        return reply;
      } catch (error) {
        observe(performance.now() - started, true);
        throw error;
      }
    },
  };
}

function plainHomeserverHttp(
  baseUrl: string,
  timeoutMs: number,
  transport: HomeserverTransport,
  adminHeader?: AdminHeader,
): HomeserverHttp {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    async request(method, path, { body, token } = {}) {
      let response: Awaited<ReturnType<HomeserverTransport>>;
      try {
        response = await transport(`${base}${path}`, {
          method,
          headers: {
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            // Only on admin calls: the client API paths pass the proxy without it, as anyone's do.
            ...(adminHeader && path.startsWith(ADMIN_PATH) ? { [adminHeader.name]: adminHeader.value } : {}),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          timeoutMs,
        });
      } catch (error) {
        // Names the path only: the error may carry the request, and the request may carry a secret.
        throw new HomeserverError('unavailable', `${method} ${path}: ${(error as Error).name}`);
      }
      if (response.status >= 500) throw new HomeserverError('unavailable', `${method} ${path}: HTTP ${response.status}`);
      const parsed = parseObject(response.text);
      const date = Date.parse(response.header('date') ?? '');
      return {
        status: response.status,
        body: parsed,
        retryAfterMs: retryAfterOf(response.header('retry-after'), parsed),
        ...(Number.isNaN(date) ? {} : { date }),
      };
    },
  };
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Retry-After in seconds (the spec's header), else the deprecated `retry_after_ms` that Synapse 1.67 sends. */
function retryAfterOf(header: string | null, body: Record<string, unknown>): number | undefined {
  const seconds = header !== null && /^\d{1,6}$/.test(header.trim()) ? Number(header.trim()) : undefined;
  if (seconds !== undefined) return seconds * 1000;
  const ms = body.retry_after_ms;
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? Math.min(ms, 3_600_000) : undefined;
}

/** Errcodes a homeserver uses for what the request carried; the client can change that and try again. */
const REQUEST_ERRCODES = new Set<string>([
  ErrCode.InvalidParam,
  ErrCode.BadJson,
  ErrCode.MissingParam,
  ErrCode.WeakPassword,
  ErrCode.TooLarge,
]);

/**
 * Maps a homeserver's refusal to what the front door can tell the client. Unauthorised admin calls
 * (401, 403) mean the front door is set up wrong; a 400 about the request is the request's fault.
 */
export function refusal(reply: HomeserverReply, what: string): HomeserverError {
  const errcode = typeof reply.body.errcode === 'string' ? reply.body.errcode : undefined;
  const message = typeof reply.body.error === 'string' ? reply.body.error.slice(0, 300) : undefined;
  if (errcode === ErrCode.UserInUse) return new HomeserverError('user-in-use', 'User ID already taken.');
  if (errcode === ErrCode.InvalidUsername)
    return new HomeserverError('invalid-username', message ?? 'The homeserver refuses this username');
  if (errcode === ErrCode.Exclusive)
    return new HomeserverError('exclusive', message ?? 'This username is reserved by an application service');
  if (reply.status === 429 || errcode === ErrCode.LimitExceeded)
    return new HomeserverError('rate-limited', `${what}: the homeserver is limiting requests`, reply.retryAfterMs);
  if (reply.status === 400 && (errcode === undefined || errcode === ErrCode.Unknown || REQUEST_ERRCODES.has(errcode)) && message) {
    return new HomeserverError('refused', `The homeserver refused this request: ${message}`);
  }
  return new HomeserverError('misconfigured', `${what}: HTTP ${reply.status} ${errcode ?? ''} ${message ?? ''}`.trim());
}
