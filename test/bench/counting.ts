/**
 * Counts what a request really costs: DynamoDB calls, seen by middleware on the client the front door
 * uses, and homeserver calls, seen on node:http's own diagnostics channel. Nothing is estimated.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface DynamoCount {
  /** Commands sent (`client.send`). */
  calls: number;
  /** HTTP round trips, retries included. */
  attempts: number;
  /** Sequential rounds: an attempt that starts while another is in flight shares its round. */
  rounds: number;
  byOperation: Record<string, number>;
}

export class DynamoCounter {
  private calls = 0;
  private attempts = 0;
  private rounds = 0;
  private inFlight = 0;
  private readonly byOperation: Record<string, number> = {};

  attach(client: DynamoDBClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        this.calls++;
        const op = String(context.commandName ?? 'unknown').replace(/Command$/, '');
        this.byOperation[op] = (this.byOperation[op] ?? 0) + 1;
        return next(args);
      },
      { step: 'initialize', name: 'benchCountCalls' },
    );
    // The deserialize step sits inside the retry loop: it runs once per HTTP attempt.
    client.middlewareStack.add(
      (next) => async (args) => {
        this.attempts++;
        if (this.inFlight === 0) this.rounds++;
        this.inFlight++;
        try {
          return await next(args);
        } finally {
          this.inFlight--;
        }
      },
      { step: 'deserialize', name: 'benchCountAttempts' },
    );
  }

  snapshot(): DynamoCount {
    return { calls: this.calls, attempts: this.attempts, rounds: this.rounds, byOperation: { ...this.byOperation } };
  }
}

export function dynamoDelta(after: DynamoCount, before: DynamoCount): DynamoCount {
  const byOperation: Record<string, number> = {};
  for (const [op, n] of Object.entries(after.byOperation)) {
    const d = n - (before.byOperation[op] ?? 0);
    if (d > 0) byOperation[op] = d;
  }
  return {
    calls: after.calls - before.calls,
    attempts: after.attempts - before.attempts,
    rounds: after.rounds - before.rounds,
    byOperation,
  };
}

/** What a homeserver call is for; only `write` changes an account. */
export type HomeserverCallKind = 'username-check' | 'threepid-lookup' | 'nonce' | 'write' | 'login';

export interface HomeserverCount {
  calls: number;
  byKind: Partial<Record<HomeserverCallKind, number>>;
}

export function homeserverCallKind(method: string, path: string): HomeserverCallKind {
  if (path.includes('/username_available')) return 'username-check';
  if (method === 'GET' && path.includes('/threepid/')) return 'threepid-lookup';
  if (method === 'GET' && path.endsWith('/_synapse/admin/v1/register')) return 'nonce';
  if (method === 'POST' && path.endsWith('/login')) return 'login';
  return 'write';
}

/** Node publishes every request its http(s) client starts here. */
const REQUEST_STARTS = 'http.client.request.start';

/**
 * Counts the requests this process makes to one homeserver, whoever makes them: the front door is built
 * without a `fetch` of the bench's, so its calls go through the transport a deployment uses (node:http,
 * adapters/synapse/node-transport.ts), and its CPU and latency are that transport's, not undici's.
 */
export class HomeserverCounter {
  private calls = 0;
  private readonly byKind: Partial<Record<HomeserverCallKind, number>> = {};
  private readonly host: string;
  private readonly onStart = (message: unknown) => {
    const request = (message as { request: ClientRequest }).request;
    if (request.getHeader('host') !== this.host) return;
    const kind = homeserverCallKind(request.method, request.path.split('?')[0]!);
    this.calls++;
    this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
  };

  /** `url`: the homeserver's base URL; its host and port are what a request is told by. */
  constructor(url: string) {
    this.host = new URL(url).host;
    subscribe(REQUEST_STARTS, this.onStart);
  }

  stop(): void {
    unsubscribe(REQUEST_STARTS, this.onStart);
  }

  snapshot(): HomeserverCount {
    return { calls: this.calls, byKind: { ...this.byKind } };
  }
}

export function homeserverDelta(after: HomeserverCount, before: HomeserverCount): HomeserverCount {
  const byKind: HomeserverCount['byKind'] = {};
  for (const [kind, n] of Object.entries(after.byKind) as [HomeserverCallKind, number][]) {
    const d = n - (before.byKind[kind] ?? 0);
    if (d > 0) byKind[kind] = d;
  }
  return { calls: after.calls - before.calls, byKind };
}
