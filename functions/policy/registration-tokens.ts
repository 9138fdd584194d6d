/**
 * Registration tokens: what the operator API manages and what the stage and the engine use. Tokens are
 * looked up by keyed hash and kept sealed; reservations are taken atomically against the version read.
 */
import { randomInt } from 'node:crypto';
import type { KeyedHash } from '../crypto/keyed-hash.js';
import { temporarilyUnavailable } from '../matrix/errors.js';
import { TOKEN_GRAMMAR } from '../matrix/registration-token.js';
import type { ReserveResult, SecretBox, TokenReservations } from '../ports/index.js';
import {
  hasUseLeft,
  holdsReservation,
  pendingOf,
  type RegistrationTokenStore,
  type SessionReservation,
  type TokenPrivileges,
  type TokenRecord,
} from '../model/token-record.js';

/** Kept here too for the operator API, which checks a token it is given before it looks it up. */
export { TOKEN_GRAMMAR };
const GENERATED_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~-';
const RESERVE_TRIES = 12;

/** A token as the operator API shows it (Synapse's shape, plus the front door's privileges). */
export interface TokenView {
  token: string;
  uses_allowed: number | null;
  pending: number;
  completed: number;
  expiry_time: number | null;
  privileges: { skip_stages?: string[]; label?: string };
}

export class RegistrationTokens implements TokenReservations {
  constructor(
    private readonly store: RegistrationTokenStore,
    private readonly hasher: KeyedHash,
    private readonly box: SecretBox,
  ) {}

  /** The id a new token gets: its keyed hash under the newest key. */
  idOf(token: string): string {
    return this.hasher.hash('registration_token', token);
  }

  /**
   * The token's record: under the newest key's id, else under an older key's (a token made before a key
   * rotation keeps its id). One read per key version until found; a tenant with one key reads once.
   */
  private async find(token: string): Promise<TokenRecord | undefined> {
    for (const id of this.hasher.hashes('registration_token', token)) {
      const record = await this.store.get(id);
      if (record) return record;
    }
    return undefined;
  }

  /** The id the token is stored under (see `find`); the newest key's when it is not stored at all. */
  private async storedId(token: string): Promise<string> {
    const ids = this.hasher.hashes('registration_token', token);
    if (ids.length === 1) return ids[0]!;
    return (await this.find(token))?.id ?? ids[0]!;
  }

  generate(length: number): string {
    let token = '';
    for (let i = 0; i < length; i++) token += GENERATED_ALPHABET[randomInt(GENERATED_ALPHABET.length)];
    return token;
  }

  async create(
    token: string,
    settings: { usesAllowed: number | null; expiryTime: number | null; privileges: TokenPrivileges },
    now: number,
  ): Promise<TokenView | undefined> {
    // A token made before a key rotation is stored under an older key's id: it exists already.
    if (this.hasher.hashes('registration_token', token).length > 1 && (await this.find(token))) return undefined;
    const id = this.idOf(token);
    const record: TokenRecord = {
      id,
      sealedToken: this.box.seal(token, `regtoken:${id}`),
      completed: 0,
      reservations: {},
      version: 0,
      createdAt: now,
      ...settings,
    };
    return (await this.store.put(record)) ? this.view(record, now) : undefined;
  }

  async get(token: string, now: number): Promise<TokenView | undefined> {
    const record = TOKEN_GRAMMAR.test(token) ? await this.find(token) : undefined;
    return record && this.view(record, now);
  }

  /** `valid`: only tokens that can (or, false, cannot) be used now. */
  async list(now: number, valid?: boolean): Promise<TokenView[]> {
    const records = (await this.store.list()).sort((a, b) => a.createdAt - b.createdAt);
    return records.filter((r) => valid === undefined || hasUseLeft(r, now) === valid).map((r) => this.view(r, now));
  }

  async update(
    token: string,
    changes: { usesAllowed?: number | null; expiryTime?: number | null; privileges?: TokenPrivileges },
    now: number,
  ) {
    if (!TOKEN_GRAMMAR.test(token)) return undefined;
    const record = await this.store.update(await this.storedId(token), changes);
    return record && this.view(record, now);
  }

  delete(token: string): Promise<boolean> {
    return TOKEN_GRAMMAR.test(token) ? this.storedId(token).then((id) => this.store.delete(id)) : Promise.resolve(false);
  }

  /** What the validity endpoint answers: the token exists, has not expired and has a use left. */
  async isValid(token: string, now: number): Promise<boolean> {
    if (!TOKEN_GRAMMAR.test(token)) return false;
    const record = await this.find(token);
    return record !== undefined && hasUseLeft(record, now);
  }

  /** Reserves one use for the session; the same token again in the same session passes without a second use. */
  async reserve(token: string, sessionId: string, sessionExpiresAt: number, now: number): Promise<ReserveResult> {
    const id = await this.storedId(token);
    for (let attempt = 0; attempt < RESERVE_TRIES; attempt++) {
      const held = await this.store.sessionReservation(sessionId);
      if (held) return this.heldBy(held, id, now);
      const record = await this.store.get(id);
      if (!record || !hasUseLeft(record, now)) return { ok: false, reason: 'invalid' };
      const outcome = await this.store.reserve(record, sessionId, sessionExpiresAt, now);
      if (outcome === 'reserved') return { ok: true, tokenId: id, privileges: record.privileges };
      // 'stale': another reservation changed the token first; read it again and decide afresh.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * (attempt + 1)));
    }
    throw temporarilyUnavailable('This registration token is in heavy use; try again shortly');
  }

  /** Counts the session's use as completed; false when its reservation was given back (the session had expired). */
  async complete(sessionId: string): Promise<SessionReservation | 'none' | 'lost'> {
    const held = await this.store.sessionReservation(sessionId);
    if (!held) return 'none';
    if (held.state === 'completed') return held;
    if (await this.store.complete(held)) return held;
    const again = await this.store.sessionReservation(sessionId);
    return again?.state === 'completed' ? again : 'lost';
  }

  async giveBack(sessionId: string): Promise<void> {
    const held = await this.store.sessionReservation(sessionId);
    if (held?.state === 'completed') await this.store.uncomplete(held);
  }

  recordAccount(userId: string, record: { tokenId: string; label?: string; registeredAt: number; sessionId: string }): Promise<void> {
    return this.store.recordAccount(userId, record);
  }

  /**
   * Whether the token still holds the session's reservation: the token exists (was not deleted, nor
   * deleted and made again), has not expired, and its live reservations include the session.
   */
  async holds(tokenId: string, sessionId: string, now: number): Promise<boolean> {
    const record = await this.store.get(tokenId);
    return record !== undefined && holdsReservation(record, sessionId, now);
  }

  /** The same token sent again in the session passes only while it still holds the session's reservation. */
  private async heldBy(held: SessionReservation, id: string, now: number): Promise<ReserveResult> {
    if (held.tokenId !== id) return { ok: false, reason: 'other-token' };
    const record = await this.store.get(id);
    if (!record || !holdsReservation(record, held.sessionId, now)) return { ok: false, reason: 'invalid' };
    return { ok: true, tokenId: id, privileges: record.privileges };
  }

  private view(record: TokenRecord, now: number): TokenView {
    const { skipStages, label } = record.privileges;
    return {
      token: this.box.open(record.sealedToken, `regtoken:${record.id}`),
      uses_allowed: record.usesAllowed,
      pending: pendingOf(record, now),
      completed: record.completed,
      expiry_time: record.expiryTime,
      privileges: { ...(skipStages?.length ? { skip_stages: skipStages } : {}), ...(label !== undefined ? { label } : {}) },
    };
  }
}
