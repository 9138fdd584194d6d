import type { InvokeCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { answerOwnerLookup, invokedOwnerLookup } from '../../functions/adapters/lambda/invoked-owner-lookup.js';
import { HomeserverError } from '../../functions/ports/index.js';

const email = { medium: 'email', address: 'ann@example.net' } as const;
const reply = (payload: unknown, functionError?: string) => ({
  async send(_command: InvokeCommand) {
    return { StatusCode: 200, FunctionError: functionError, Payload: new TextEncoder().encode(JSON.stringify(payload)) };
  },
});

describe('the owner lookup by invoke', () => {
  it('returns the owner the register function found, or none', async () => {
    expect(await invokedOwnerLookup(reply({ userId: '@ann:example.org' }) as never, 'register').findUserByThreepid(email)).toBe(
      '@ann:example.org',
    );
    expect(await invokedOwnerLookup(reply({ userId: null }) as never, 'register').findUserByThreepid(email)).toBeUndefined();
  });

  it('rethrows the homeserver failure the register function met, with its kind', async () => {
    const lookup = invokedOwnerLookup(reply({ failure: 'unavailable', message: 'homeserver timed out' }) as never, 'register');
    await expect(lookup.findUserByThreepid(email)).rejects.toMatchObject({ name: 'HomeserverError', kind: 'unavailable' });
  });

  it('turns a crashed or unreachable register function into a retryable failure', async () => {
    await expect(
      invokedOwnerLookup(reply({ errorMessage: 'boom' }, 'Unhandled') as never, 'register').findUserByThreepid(email),
    ).rejects.toMatchObject({ kind: 'unavailable' });
    const down = { send: () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { name: 'TimeoutError' })) };
    await expect(invokedOwnerLookup(down as never, 'register').findUserByThreepid(email)).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('is answered from the homeserver, failures as values', async () => {
    const homeserver = {
      findUserByThreepid: async () => {
        throw new HomeserverError('misconfigured', 'admin token refused');
      },
    };
    expect(await answerOwnerLookup(homeserver, { frontDoor: 'findUserByThreepid', ...email })).toEqual({
      failure: 'misconfigured',
      message: 'admin token refused',
    });
  });
});
