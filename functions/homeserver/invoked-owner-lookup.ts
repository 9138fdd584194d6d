/**
 * "Who owns this address?" asked of the register function by a direct Lambda invoke: requestToken must
 * know, but only the register function may hold the homeserver credential that can answer.
 */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { HomeserverError, type Homeserver, type HomeserverFailure } from '../ports.js';
import { Medium, type Threepid } from '../threepid/medium.js';

export interface OwnerLookupRequest {
  frontDoor: 'findUserByThreepid';
  medium: string;
  address: string;
}

export type OwnerLookupAnswer = { userId: string | null } | { failure: HomeserverFailure; message: string };

const MEDIA = new Set<string>(Object.values(Medium));

/** A direct invoke, not an API Gateway event: only callers with lambda:InvokeFunction can send one. */
export function isOwnerLookup(event: unknown): event is OwnerLookupRequest {
  return typeof event === 'object' && event !== null && (event as { frontDoor?: unknown }).frontDoor === 'findUserByThreepid';
}

/** The register function's side: answers from the homeserver, failures as values the caller rethrows. */
export async function answerOwnerLookup(homeserver: Pick<Homeserver, 'findUserByThreepid'>, request: OwnerLookupRequest): Promise<OwnerLookupAnswer> {
  if (!MEDIA.has(request.medium) || typeof request.address !== 'string' || request.address.length === 0 || request.address.length > 320) {
    return { failure: 'misconfigured', message: 'malformed owner lookup' };
  }
  try {
    const userId = await homeserver.findUserByThreepid({ medium: request.medium, address: request.address } as Threepid);
    return { userId: userId ?? null };
  } catch (error) {
    if (error instanceof HomeserverError) return { failure: error.kind, message: error.message };
    throw error;
  }
}

/** The requestToken functions' side. */
export function invokedOwnerLookup(client: Pick<LambdaClient, 'send'>, functionName: string): Pick<Homeserver, 'findUserByThreepid'> {
  return {
    async findUserByThreepid(threepid) {
      const request: OwnerLookupRequest = { frontDoor: 'findUserByThreepid', ...threepid };
      let answer: OwnerLookupAnswer;
      try {
        const reply = await client.send(new InvokeCommand({ FunctionName: functionName, Payload: JSON.stringify(request) }));
        if (reply.FunctionError || !reply.Payload) throw new Error(`the register function failed: ${reply.FunctionError ?? 'no payload'}`);
        answer = JSON.parse(Buffer.from(reply.Payload).toString('utf8')) as OwnerLookupAnswer;
      } catch (error) {
        throw new HomeserverError('unavailable', `owner lookup: ${(error as Error).message}`);
      }
      if ('failure' in answer) throw new HomeserverError(answer.failure, answer.message);
      return answer.userId ?? undefined;
    },
  };
}
