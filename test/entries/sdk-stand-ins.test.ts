/**
 * The small modules the Lambda bundles put in place of SDK ones (infra/bundle-aliases.ts), each held to the
 * module it replaces, which is still installed: the same answers to the same calls.
 */
import { Readable } from 'node:stream';
import { EndpointCache as SdkEndpointCache } from '@aws-sdk/endpoint-cache';
import { Sha256 as SdkSha256 } from '@smithy/core/checksum';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AwsHttpHandler } from '../../functions/adapters/aws/http-handler.js';
import { EndpointCache } from '../../functions/entries/endpoint-cache.js';
import { NodeHttpHandler, streamCollector } from '../../functions/entries/keep-alive-handler.js';
import { Sha256 } from '../../functions/entries/node-sha256.js';
import { InvokeStore } from '../../functions/entries/runtime-invoke-store.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('the SHA-256 on node:crypto', () => {
  const inputs: (string | Uint8Array)[] = ['', 'héllo ✓', new Uint8Array([0, 1, 2, 255]), new Uint8Array(70_000).fill(7)];

  it('digests as the SDK´s Sha256 does, plain and keyed, for strings and bytes', async () => {
    for (const secret of [undefined, 'AWS4key', new Uint8Array([9, 8, 7])]) {
      for (const input of inputs) {
        const ours = new Sha256(secret);
        const sdk = new SdkSha256(secret);
        ours.update(input);
        sdk.update(input as Uint8Array);
        expect(hex(await ours.digest())).toBe(hex(await sdk.digest()));
      }
    }
  });

  it('lets a plain hash go on after a digest, finishes a keyed one, and starts again after reset', async () => {
    const plain = new Sha256();
    plain.update('a');
    const first = hex(await plain.digest());
    plain.update('b');
    const sdk = new SdkSha256();
    sdk.update(Buffer.from('ab'));
    expect(hex(await plain.digest())).toBe(hex(await sdk.digest()));
    expect(first).not.toBe(hex(await plain.digest()));

    const keyed = new Sha256('key');
    keyed.update('a');
    await keyed.digest();
    expect(() => keyed.update('b')).toThrow(/finished/);
    keyed.reset();
    keyed.update('a');
    const again = new SdkSha256('key');
    again.update(Buffer.from('a'));
    expect(hex(await keyed.digest())).toBe(hex(await again.digest()));
  });
});

describe('the Map-based endpoint cache', () => {
  afterEach(() => vi.useRealTimers());

  it('answers every call as the SDK´s cache does: expiry, emptying, least recently used out first', () => {
    vi.useFakeTimers({ now: 1_790_000_000_000 });
    const ours = new EndpointCache(3);
    const sdk = new SdkEndpointCache(3);
    const both = <T>(call: (cache: EndpointCache | SdkEndpointCache) => T) => {
      const answer = call(ours);
      expect(answer).toEqual(call(sdk));
      return answer;
    };
    both((c) => c.set('a', [{ Address: 'a.example', CachePeriodInMinutes: 1 }]));
    both((c) => c.set('b', [{ Address: 'b.example', CachePeriodInMinutes: 10 }]));
    both((c) => c.set('c', [{ Address: 'c.example', CachePeriodInMinutes: 10 }]));
    expect(both((c) => c.getEndpoint('a'))).toBe('a.example');
    // 'a' was used last: adding 'd' pushes out 'b', the least recently used.
    both((c) => c.set('d', [{ Address: 'd.example', CachePeriodInMinutes: 10 }]));
    expect(both((c) => c.has('b'))).toBe(false);
    expect(both((c) => [c.has('a'), c.has('c'), c.has('d')])).toEqual([true, true, true]);
    // has() does not count as a use: 'a' is now the oldest use after 'c' and 'd' are read.
    both((c) => [c.get('c'), c.get('d'), c.has('a')]);
    both((c) => c.set('e', [{ Address: 'e.example', CachePeriodInMinutes: 10 }]));
    expect(both((c) => c.has('a'))).toBe(false);
    // Expired endpoints are left out, and an entry with none left is emptied.
    both((c) =>
      c.set('f', [
        { Address: 'f1.example', CachePeriodInMinutes: 1 },
        { Address: 'f2.example', CachePeriodInMinutes: 5 },
      ]),
    );
    vi.advanceTimersByTime(2 * 60_000);
    expect(both((c) => c.get('f'))).toEqual([{ Address: 'f2.example', Expires: 1_790_000_000_000 + 5 * 60_000 }]);
    vi.advanceTimersByTime(5 * 60_000);
    expect(both((c) => [c.get('f'), c.has('f'), c.getEndpoint('f')])).toEqual([undefined, false, undefined]);
    // The discovery middleware's placeholder, then a failed discovery: delete() empties the entry.
    both((c) => c.set('g', [{ Address: '', CachePeriodInMinutes: 1 }]));
    expect(both((c) => c.get('g'))).toEqual([{ Address: '', Expires: Date.now() + 60_000 }]);
    both((c) => c.delete('g'));
    expect(both((c) => [c.has('g'), c.get('g')])).toEqual([false, undefined]);
    both((c) => c.clear());
    expect(both((c) => [c.has('d'), c.has('e')])).toEqual([false, false]);
  });
});

describe('the HTTP handler stand-in', () => {
  it('hands back the handler a client was given, and makes ours for one given options or a defaults provider', () => {
    const given = new AwsHttpHandler();
    expect(NodeHttpHandler.create(given)).toBe(given);
    expect(NodeHttpHandler.create(async () => ({}))).toBeInstanceOf(AwsHttpHandler);
    expect(NodeHttpHandler.create({ requestTimeout: 1_000 })).toBeInstanceOf(AwsHttpHandler);
    expect(NodeHttpHandler.create(undefined)).toBeInstanceOf(AwsHttpHandler);
  });

  it('collects a streamed body as the SDK does', async () => {
    const bytes = await streamCollector(Readable.from([Buffer.from('ab'), Buffer.from('c')]));
    expect(Buffer.from(bytes).toString()).toBe('abc');
  });
});

describe('the invoke store stand-in', () => {
  afterEach(() => {
    delete (globalThis as { awslambda?: unknown }).awslambda;
  });

  it('hands over the Lambda runtime´s store when there is one, and nothing otherwise', async () => {
    expect(await InvokeStore.getInstanceAsync()).toBeUndefined();
    const runtimeStore = { getXRayTraceId: () => 'Root=1-abc' };
    (globalThis as { awslambda?: unknown }).awslambda = { InvokeStore: runtimeStore };
    expect(await InvokeStore.getInstanceAsync()).toBe(runtimeStore);
  });
});
