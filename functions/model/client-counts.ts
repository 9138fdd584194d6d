/** Where a client's counts are kept: one key per count and client network, shared by every part that spends it. */
import type { KeyedHash } from '../crypto/keyed-hash.js';

/** The count `POST /register` spends; the client's name holds are kept beside it, on its item (uia/name-holds.ts). */
export const REGISTER_COUNT = 'register';

/** The key of a client's count on `name`: a keyed hash of its network, never the address itself. */
export function clientCountKey(hasher: KeyedHash, name: string, network: string): string {
  return `${name}:ip:${hasher.hash('rate-ip', network)}`;
}
