/**
 * "Who owns this address?" asked of the lookup function by a direct Lambda invoke: requestToken must
 * know, but only the lookup and register functions may hold the homeserver credential that can answer. The lookup
 * function also tells what its start-up probe found, so a homeserver without the 3PID lookup travels as
 * a value ("missing"), never as a failure.
 */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import {
  HomeserverError,
  ThreepidLookupMissing,
  type Homeserver,
  type HomeserverCapabilities,
  type HomeserverFailure,
} from '../../ports/index.js';
import { Medium, type Threepid } from '../../model/medium.js';

export interface OwnerLookupRequest {
  frontDoor: 'findUserByThreepid';
  medium: string;
  address: string;
}

export interface CapabilitiesRequest {
  frontDoor: 'homeserverCapabilities';
}

export type OwnerLookupAnswer =
  | { userId: string | null }
  | { failure: HomeserverFailure; message: string; retryAfterMs?: number }
  | { lookupMissing: true; serverVersion?: string };

const MEDIA = new Set<string>(Object.values(Medium));

const frontDoorInvoke = (event: unknown): unknown =>
  typeof event === 'object' && event !== null ? (event as { frontDoor?: unknown }).frontDoor : undefined;

/** A direct invoke, not an API Gateway event: only callers with lambda:InvokeFunction can send one. */
export function isOwnerLookup(event: unknown): event is OwnerLookupRequest {
  return frontDoorInvoke(event) === 'findUserByThreepid';
}

export function isCapabilitiesRequest(event: unknown): event is CapabilitiesRequest {
  return frontDoorInvoke(event) === 'homeserverCapabilities';
}

/** The lookup function's side: answers from the homeserver, failures as values the caller rethrows. */
export async function answerOwnerLookup(
  homeserver: Pick<Homeserver, 'findUserByThreepid'>,
  request: OwnerLookupRequest,
  capabilities?: HomeserverCapabilities,
): Promise<OwnerLookupAnswer> {
  if (!MEDIA.has(request.medium) || typeof request.address !== 'string' || request.address.length === 0 || request.address.length > 320) {
    return { failure: 'misconfigured', message: 'malformed owner lookup' };
  }
  if (capabilities?.threepidLookup === 'missing')
    return { lookupMissing: true, ...(capabilities.serverVersion ? { serverVersion: capabilities.serverVersion } : {}) };
  try {
    const userId = await homeserver.findUserByThreepid({ medium: request.medium, address: request.address } as Threepid);
    return { userId: userId ?? null };
  } catch (error) {
    if (error instanceof HomeserverError)
      return {
        failure: error.kind,
        message: error.message,
        ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
      };
    throw error;
  }
}

/** The requestToken functions' side: the owner lookup, and (at cold start) what the lookup function's probe found. */
export function invokedOwnerLookup(
  client: Pick<LambdaClient, 'send'>,
  functionName: string,
): Pick<Homeserver, 'findUserByThreepid'> & { capabilities(): Promise<HomeserverCapabilities> } {
  const invoke = async (request: OwnerLookupRequest | CapabilitiesRequest): Promise<unknown> => {
    const reply = await client.send(new InvokeCommand({ FunctionName: functionName, Payload: JSON.stringify(request) }));
    if (reply.FunctionError || !reply.Payload) throw new Error(`the lookup function failed: ${reply.FunctionError ?? 'no payload'}`);
    return JSON.parse(Buffer.from(reply.Payload).toString('utf8'));
  };
  return {
    async findUserByThreepid(threepid) {
      let answer: OwnerLookupAnswer;
      try {
        answer = (await invoke({ frontDoor: 'findUserByThreepid', ...threepid })) as OwnerLookupAnswer;
      } catch (error) {
        throw new HomeserverError('unavailable', `owner lookup: ${(error as Error).message}`);
      }
      if ('lookupMissing' in answer) throw new ThreepidLookupMissing(answer.serverVersion);
      if ('failure' in answer) throw new HomeserverError(answer.failure, answer.message, answer.retryAfterMs);
      return answer.userId ?? undefined;
    },
    /** 'unknown' when the lookup function cannot be asked: lookups then fail closed rather than the cold start. */
    async capabilities() {
      try {
        const answer = (await invoke({ frontDoor: 'homeserverCapabilities' })) as Partial<HomeserverCapabilities>;
        const threepidLookup = answer?.threepidLookup;
        if (threepidLookup !== 'available' && threepidLookup !== 'missing') return { threepidLookup: 'unknown' };
        return { threepidLookup, ...(typeof answer.serverVersion === 'string' ? { serverVersion: answer.serverVersion } : {}) };
      } catch {
        return { threepidLookup: 'unknown' };
      }
    },
  };
}
