/** Unguessable identifiers: session ids, lease owners. */
import { randomInt } from 'node:crypto';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `length` letters from a CSPRNG; 24 letters carry about 137 bits. */
export function randomLetters(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += LETTERS[randomInt(LETTERS.length)];
  return out;
}
