/**
 * The homeserver calls' transport when no `fetch` is given: Node's own http/https client, which the AWS
 * SDK has loaded already. A function's first `fetch` loads undici (its fetch, its WebAssembly HTTP parser),
 * ~25 ms of CPU measured here; the register function's start-up probe of the homeserver paid it at every cold
 * start. It does what the homeserver client needs and no more: a string body, a deadline, the status, the
 * text and the headers. Redirects are not followed (a homeserver's API does not redirect; a 3xx is a refusal).
 */
import type { IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface TransportRequest {
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface TransportReply {
  status: number;
  text: string;
  /** A header's value (the first, if repeated), or null. */
  header(name: string): string | null;
}

export type HomeserverTransport = (url: string, request: TransportRequest) => Promise<TransportReply>;

/** Over `fetch` (tests inject theirs to count or break calls). */
export function fetchTransport(fetchImpl: typeof fetch): HomeserverTransport {
  return async (url, { method, headers, body, timeoutMs }) => {
    const response = await fetchImpl(url, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    return { status: response.status, text, header: (name) => response.headers.get(name) };
  };
}

/** Over node:http(s); a deadline that passes rejects with the signal's TimeoutError, as fetch does. */
export const nodeTransport: HomeserverTransport = (url, { method, headers, body, timeoutMs }) =>
  new Promise((resolve, reject) => {
    const signal = AbortSignal.timeout(timeoutMs);
    const fail = (error: Error) => reject(signal.aborted ? signal.reason : error);
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const length = body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) };
    const outgoing = send(target, { method, headers: { ...headers, ...length }, signal }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', fail);
      incoming.on('close', () => {
        if (!incoming.complete) return fail(new Error('the answer was cut off'));
        resolve({ status: incoming.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), header: headerOf(incoming) });
      });
    });
    outgoing.on('error', fail);
    outgoing.end(body);
  });

const headerOf =
  (incoming: IncomingMessage) =>
  (name: string): string | null => {
    const value = incoming.headers[name.toLowerCase()];
    return (Array.isArray(value) ? value[0] : value) ?? null;
  };
