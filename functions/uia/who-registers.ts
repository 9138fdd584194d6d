/**
 * Who is registering: the username, password and device a `POST /register` carries, kept in the session;
 * the hold on the name that goes with them; and the resume of a first call whose answer was lost.
 */
import { randomLetters } from '../crypto/random.js';
import { sameSecret } from '../crypto/same-secret.js';
import { unknownSession, userInUse } from '../matrix/errors.js';
import type { RegisterBody } from '../matrix/register-body.js';
import { completedStages, type DeviceRequest, type RegistrationSession } from '../model/session.js';
import type { Clock, SecretBox, SessionStore } from '../ports/index.js';
import { passwordContext } from './account-creation.js';
import type { Metrics } from '../ports/metrics.js';
import { admitted } from '../model/request-context.js';
import type { IdentityPolicy } from './identity.js';
import { type NameHolds, RESUME_WINDOW_MS } from './name-holds.js';

export interface IdentifyDeps {
  store: SessionStore;
  box: SecretBox;
  clock: Clock;
  identity: IdentityPolicy;
  sessionLifetimeMs: number;
  /** What holding a name costs: short holds, a cap per client IP, a limited resume. */
  holds: NameHolds;
  /** Counts each sign-up started (a new session). */
  metrics?: Metrics;
}

export class WhoRegisters {
  constructor(private readonly deps: IdentifyDeps) {}

  /** Takes the username and password the call carries: a first call makes the session, later ones update it. */
  /** `displayName`: kept in a new session (the sign-up page's account step asks for it). */
  async identify(
    session: RegistrationSession | undefined,
    body: RegisterBody,
    clientNetwork: string,
    displayName?: string,
  ): Promise<RegistrationSession> {
    const { identity, store, clock, box, holds } = this.deps;
    const localpart = body.username !== undefined ? identity.localpart(body.username) : undefined;
    if (body.password !== undefined) identity.checkPassword(body.password, localpart ?? session?.username);
    const newName = localpart !== undefined && localpart !== session?.username;
    // The last password the client sent wins, as on a homeserver; an unchanged one costs no write.
    const newPassword = body.password !== undefined && (newName || !session?.sealedPassword || !this.holdsPassword(session, body.password));
    if (session && (session.status !== 'open' || (!newName && !newPassword))) return session;
    const now = clock.now();
    // The client's own allowance (decided beside this work: admitted()) is checked with the name, and a new
    // session waits for it too: a refused call leaves nothing behind.
    const checked = newName
      ? Promise.all([identity.assertFreeOnHomeserver(localpart), holds.admit(clientNetwork, now), admitted()])
      : session
        ? undefined
        : admitted();
    // A new session is stored beside the checks of its name (one round trip less); it is discarded if they refuse.
    checked?.catch(() => undefined);
    if (session && checked) await checked;

    const id = session?.id ?? randomLetters(24);
    const sealedPassword = newPassword ? box.seal(body.password!, passwordContext(id)) : session?.sealedPassword;
    const username = localpart ?? session?.username;
    const device = deviceOf(body, session?.device);
    if (!session) {
      const fresh: RegistrationSession = {
        id,
        createdAt: now,
        expiresAt: now + this.deps.sessionLifetimeMs,
        status: 'open',
        stages: {},
        username,
        sealedPassword,
        device,
        ...(displayName ? { displayName } : {}),
      };
      // The table counts it from its stream (the funnel counter); the metric once the session is kept.
      const created = await this.createChecked(fresh, now, checked);
      if (created === 'username-taken') {
        const resumed = await this.resumeUnanswered(username!, body.password, now);
        if (!resumed) throw userInUse();
        return resumed;
      }
      this.deps.metrics?.record({ metric: 'SignupStarted' });
      return fresh;
    }
    const outcome = await store.setIdentity(session, { username, sealedPassword, device }, now, this.holdUntil(session, now));
    if (outcome === 'username-taken') throw userInUse();
    if (outcome === 'contended') {
      const current = await store.get(id, clock.now());
      if (!current) throw unknownSession();
      return current;
    }
    return { ...session, username, sealedPassword, device };
  }

  /** Stores the new session while its name is checked; a refused check discards it and throws the refusal. */
  private async createChecked(fresh: RegistrationSession, now: number, checked?: Promise<unknown>): Promise<'created' | 'username-taken'> {
    const { store } = this.deps;
    const [created, check] = await Promise.allSettled([store.create(fresh, now, this.holdUntil(fresh, now)), checked]);
    if (check.status === 'rejected') {
      // Nobody learns of this session: it must not keep the name, nor count as a hold.
      if (created.status === 'fulfilled' && created.value === 'created') await store.discard(fresh);
      throw check.reason;
    }
    if (created.status === 'rejected') throw created.reason;
    return created.value;
  }

  /**
   * A first call whose answer was lost (the session was stored, the client never heard) is sent again: the
   * name is then held by that session. The same name and password, on a session with nothing done yet, is
   * that client: give it its session back rather than locking it out of its own name.
   */
  private async resumeUnanswered(localpart: string, password: string | undefined, now: number): Promise<RegistrationSession | undefined> {
    const { store, holds } = this.deps;
    const holderId = password === undefined ? undefined : await store.usernameHolder(localpart, now);
    const holder = holderId ? await store.get(holderId, now) : undefined;
    // Only a session that nothing was done in yet, only just after it began, and only a few tries per name:
    // a session ID is a bearer credential, and the password must not be guessable through this door.
    if (holder?.status !== 'open' || completedStages(holder).length > 0 || !holder.sealedPassword) return undefined;
    if (now - holder.createdAt > RESUME_WINDOW_MS || !(await holds.mayTryResume(localpart, now))) return undefined;
    return this.holdsPassword(holder, password!) ? holder : undefined;
  }

  private holdsPassword(session: RegistrationSession, password: string): boolean {
    return (
      session.sealedPassword !== undefined && sameSecret(this.deps.box.open(session.sealedPassword, passwordContext(session.id)), password)
    );
  }

  /** A name is held briefly until the session passes a stage, then for the rest of the session. */
  private holdUntil(session: RegistrationSession, now: number): number {
    return completedStages(session).length > 0 ? session.expiresAt : Math.min(session.expiresAt, this.deps.holds.holdUntil(now));
  }
}

/** The call's device fields win; a call that carries none (often only `auth`) keeps the first call's. */
export function deviceOf(body: RegisterBody, stored?: DeviceRequest): DeviceRequest {
  return {
    deviceId: body.device_id ?? stored?.deviceId,
    initialDeviceDisplayName: body.initial_device_display_name ?? stored?.initialDeviceDisplayName,
    inhibitLogin: body.inhibit_login ?? stored?.inhibitLogin ?? false,
    refreshToken: body.refresh_token ?? stored?.refreshToken ?? false,
  };
}
