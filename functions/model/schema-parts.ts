/** What the config sections write alike with zod/mini: a whole number within bounds, an http(s) URL. */
import * as z from 'zod/mini';

/** A whole number from `min` to `max` (checked in that order: whole, then each bound, as zod reports them). */
export const integer = (min: number, max: number) => z.number().check(z.int(), z.minimum(min), z.maximum(max));

export const httpUrl = () => z.url({ protocol: /^https?$/ });
