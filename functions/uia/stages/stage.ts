/** What a UIA stage is: its type, the `params` it advertises, and the check of its auth dict. */
import type { LoginType } from '../../matrix/login-types.js';
import type { ErrCode } from '../../matrix/errcodes.js';
import type { RegistrationSession, StageDetails } from '../../model/session.js';

export interface StageInput {
  /** The `auth` dict of the request, as the client sent it. */
  auth: Record<string, unknown>;
  session: RegistrationSession;
  clientIp: string;
  now: number;
  /** What the stage's `prepare` started for this request, when it has one. */
  prepared?: Promise<unknown>;
}

/** A passed stage's `details` are what its record keeps (model/session.ts). */
export type StageResult<T extends LoginType = LoginType> = { [K in T]: { passed: true; details: StageDetails[K] } }[T] | StageFailure;

export type StageFailure = { passed: false; errcode: ErrCode; error: string };

export interface Stage<T extends LoginType = LoginType> {
  readonly type: T;
  /** Checked again when sent after it passed (a registration token must match the one already used). */
  readonly checksAgain?: boolean;
  /** What the client needs to show this stage; omitted from `params` when undefined. */
  params(): unknown;
  /**
   * Optional: starts a read the check needs from the auth dict alone, so that it overlaps the read of
   * the registration session (one store round trip instead of two); `check` gets it as `prepared`.
   */
  prepare?(auth: Record<string, unknown>, now: number): Promise<unknown>;
  check(input: StageInput): Promise<StageResult<T>>;
}

/** A stage whose check reads nothing of the registration session: the engine may record it without reading the session. */
export interface SessionFreeStage<T extends LoginType = LoginType> extends Stage<T> {
  readonly sessionFree: true;
  check(input: Omit<StageInput, 'session'>): Promise<StageResult<T>>;
}

export const isSessionFree = (stage: Stage): stage is SessionFreeStage => (stage as Partial<SessionFreeStage>).sessionFree === true;

export const pass = <D extends StageDetails[LoginType]>(details: D) => ({ passed: true, details }) as const;
export const fail = (errcode: ErrCode, error: string): StageFailure => ({ passed: false, errcode, error });
