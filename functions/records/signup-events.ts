/**
 * Sign-up events through the outbox: each event becomes one task per sink (`event:<sink>:<event id>`), so
 * it reaches every sink at least once, a sink that fails is retried alone, and the same event id emitted
 * again adds nothing.
 */
import type { EventSink, SignupEvent, SignupEvents } from '../ports/events.js';
import type { OutboxExecutor } from '../ports/outbox.js';
import type { OutboxRunner } from './outbox-runner.js';

const EVENT_ID = /^[A-Za-z0-9._:@=-]{1,200}$/;
const kindOf = (sink: string) => `event:${sink}`;

export class OutboxSignupEvents implements SignupEvents {
  constructor(
    private readonly runner: OutboxRunner,
    private readonly sinks: string[],
  ) {}

  async emit(event: SignupEvent): Promise<void> {
    if (!EVENT_ID.test(event.id)) throw new Error('signup event id: only [A-Za-z0-9._:@=-], at most 200 characters');
    await this.runner.enqueue(
      this.sinks.map((sink) => ({
        key: `${kindOf(sink)}:${event.id}`,
        kind: kindOf(sink),
        body: event as unknown as Record<string, unknown>,
      })),
    );
  }
}

/** The outbox executors that hand an event to each sink. */
export function eventExecutors(sinks: Record<string, EventSink>): Record<string, OutboxExecutor> {
  return Object.fromEntries(Object.entries(sinks).map(([name, sink]) => [kindOf(name), (body) => sink(body as unknown as SignupEvent)]));
}
