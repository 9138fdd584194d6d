// Owns one request's life: find the route, count it, apply any injected fault, run it, write the reply.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultBoard } from './faults.js';
import { SynapseErrorReply, internalError, unrecognized } from './errors.js';
import { type JsonObject, type Reply, errorReply, ok, parseJsonObject, readBody, writeReply } from './http-kit.js';
import { type RequestContext, type Route, matchRoute, routeKey } from './router.js';

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

async function run(route: Route, ctx: RequestContext): Promise<Reply> {
  try {
    return await route.handle(ctx);
  } catch (error) {
    if (error instanceof SynapseErrorReply) return errorReply(error);
    console.error('dev homeserver: unexpected error', error);
    return errorReply(internalError());
  }
}

function contextFor(req: IncomingMessage, url: URL, param: string, raw: Buffer): RequestContext {
  let parsed: JsonObject | undefined;
  const json = (allowEmpty = false): JsonObject => (parsed ??= parseJsonObject(raw, allowEmpty));
  return { req, url, param, json };
}

function dropConnection(req: IncomingMessage, res: ServerResponse): void {
  res.destroy();
  req.socket.destroy();
}

/** `unrecognizedStatus`: Synapse 1.67 answers an unknown path or method with 400; newer ones 404 / 405. */
export interface ListenerOptions {
  unrecognizedStatus?: 400;
}

async function serve(
  routes: readonly Route[],
  faults: FaultBoard,
  options: ListenerOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://dev-homeserver');
  const raw = await readBody(req);
  if (req.method === 'OPTIONS') return writeReply(res, ok({}));
  const match = matchRoute(routes, req.method ?? 'GET', url.pathname);
  if (match.kind !== 'route')
    return writeReply(res, errorReply(unrecognized(options.unrecognizedStatus ?? (match.kind === 'none' ? 404 : 405))));
  const fault = faults.recordCall(routeKey(match.route));
  if (fault?.kind === 'slow') await sleep(fault.delayMs, undefined, { ref: false });
  if (fault?.kind === 'down') return dropConnection(req, res);
  if (fault?.kind === 'status500') return writeReply(res, errorReply(internalError()));
  const reply = await run(match.route, contextFor(req, url, match.param, raw));
  if (fault?.kind === 'commit-then-reset') return dropConnection(req, res);
  writeReply(res, fault?.kind === 'commit-then-500' ? errorReply(internalError()) : reply);
}

/** The `node:http` listener for a route table and its fault board. */
export function createListener(routes: readonly Route[], faults: FaultBoard, options: ListenerOptions = {}): RequestListener {
  return (req, res) => {
    serve(routes, faults, options, req, res).catch((error: unknown) => {
      if (error instanceof SynapseErrorReply) return writeReply(res, errorReply(error));
      if (res.destroyed) return; // the client went away (or the server closed) mid-request
      console.error('dev homeserver: request failed', error);
      writeReply(res, errorReply(internalError()));
    });
  };
}
