/**
 * Versioned tenant keys (key rotation): the newest key seals and hashes; every listed key still opens and
 * recognises what was made under it, so open sessions and registration tokens survive a rotation.
 * The ring travels with the newest key's Buffer (every part is handed `encryptionKey` as before), so
 * the wiring needs no change: `keyRing(newest, older)` registers the older keys; `keysOf(key)` finds them.
 */
const olderKeys = new WeakMap<Buffer, readonly Buffer[]>();

/** The newest key, carrying the older ones (newest first) that may still open and recognise values. */
export function keyRing(keys: readonly Buffer[]): Buffer {
  const [newest, ...older] = keys;
  if (!newest) throw new Error('a key ring needs at least one key');
  if (older.length > 0) olderKeys.set(newest, older);
  return newest;
}

/** Every key of a ring, newest first: just `[key]` when it carries no older ones. */
export function keysOf(key: Buffer): readonly Buffer[] {
  const older = olderKeys.get(key);
  return older ? [key, ...older] : [key];
}
