/**
 * What follows an account's creation, as a creation hook: the `signup.completed` event and the onboarding
 * task (rooms to join, the display name), both through the outbox, so a failure is retried and never
 * undoes the account. Nothing here throws into the sign-up: what cannot even be kept is logged.
 */
import { LoginType } from '../matrix/login-types.js';
import type { Logger } from '../model/log.js';
import { accountDisplayName, type RegistrationSession } from '../model/session.js';
import type { Clock } from '../ports/clock.js';
import { type SignupEvents, SignupEventType, type SignupFacts } from '../ports/events.js';
import type { CreationHook } from '../ports/homeserver.js';
import type { OutboxExecutor } from '../ports/outbox.js';
import type { AccountOnboarding } from '../ports/onboarding.js';
import type { OutboxRunner } from './outbox-runner.js';

export const ONBOARDING_KIND = 'onboarding';

export interface AfterCreationDeps {
  events: SignupEvents;
  clock: Clock;
  log: Logger;
  /** Present when the tenant onboards accounts (needs the homeserver's admin API). */
  onboarding?: { runner: OutboxRunner; rooms: string[] };
}

/** The facts of a session's sign-up: the name, the verified addresses, the token's label; no secret. */
export function factsOf(session: RegistrationSession, userId?: string): SignupFacts {
  const threepids = [session.stages[LoginType.EmailIdentity], session.stages[LoginType.Msisdn]]
    .filter((record) => record !== undefined)
    .map(({ medium, address }) => ({ medium, address }));
  const label = session.stages[LoginType.RegistrationToken]?.label;
  return {
    localpart: session.username ?? '',
    ...(userId ? { userId } : {}),
    sessionId: session.id,
    ...(session.requestId ? { requestId: session.requestId } : {}),
    ...(threepids.length > 0 ? { threepids } : {}),
    ...(label ? { tokenLabel: label } : {}),
  };
}

export function afterCreationHook(deps: AfterCreationDeps): CreationHook {
  return {
    beforeCreate: async () => undefined,
    refused: async () => undefined,
    async created(session, userId) {
      const event = {
        id: `${SignupEventType.Completed}:${session.id}`,
        type: SignupEventType.Completed,
        occurredAt: deps.clock.now(),
        facts: factsOf(session, userId),
      };
      const onboarding = onboardingTask(deps, session, userId);
      await Promise.all([
        deps.events.emit(event).catch((error) => deps.log.error('signup_event_not_kept', { id: event.id, reason: reasonOf(error) })),
        onboarding?.catch((error) => deps.log.error('onboarding_not_kept', { user_id: userId, reason: reasonOf(error) })),
      ]);
    },
  };
}

function onboardingTask(deps: AfterCreationDeps, session: RegistrationSession, userId: string): Promise<void> | undefined {
  if (!deps.onboarding) return undefined;
  const rooms = [...new Set([...deps.onboarding.rooms, ...(session.enrichment?.rooms ?? [])])];
  const displayName = accountDisplayName(session);
  if (rooms.length === 0 && !displayName) return undefined;
  return deps.onboarding.runner.enqueue([
    { key: `${ONBOARDING_KIND}:${userId}`, kind: ONBOARDING_KIND, body: { userId, rooms, ...(displayName ? { displayName } : {}) } },
  ]);
}

/**
 * Joins every room and sets the display name; any failure fails the whole task, which is then retried
 * whole (joining a room twice, or setting the same name again, changes nothing).
 */
export function onboardingExecutor(homeserver: AccountOnboarding, log: Logger): OutboxExecutor {
  return async (body) => {
    const { userId, rooms, displayName } = body as { userId: string; rooms: string[]; displayName?: string };
    if (displayName) await homeserver.setDisplayName(userId, displayName);
    for (const room of rooms) {
      const roomId = await homeserver.joinRoom(userId, room);
      log.info('onboarding_joined', { user_id: userId, room_id: roomId });
    }
  };
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
