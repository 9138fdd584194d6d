/**
 * zod's English issue texts ("Too small: expected number to be >=1", …), handed to each parse whose messages
 * someone reads: an operator (config and secrets) or a client (request bodies). zod/mini loads no locale of its
 * own, and a per-parse map leaves no global setting behind.
 */
import { en } from 'zod/locales';

export const englishMessages = en().localeError;
