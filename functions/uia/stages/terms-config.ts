/** The tenant's policies for `m.login.terms`, in the shape the stage advertises them. */
import * as z from 'zod/mini';
import { httpUrl } from '../../model/schema-parts.js';

const policyText = () => z.strictObject({ name: z.string().check(z.minLength(1)), url: httpUrl() });

/** One policy: `{version, <lang>: {name, url}, ...}` with at least one language. */
const policy = () =>
  z
    .catchall(z.object({ version: z.string().check(z.minLength(1)) }), policyText())
    .check(z.refine((p) => Object.keys(p).some((k) => k !== 'version'), 'needs at least one language, e.g. "en": {name, url}'));

export const termsConfigSchema = () =>
  z
    .strictObject({ policies: z.record(z.string().check(z.regex(/^[A-Za-z0-9_.-]+$/)), policy()) })
    .check(z.refine((t) => Object.keys(t.policies).length > 0, 'needs at least one policy()'));

export type TermsConfig = z.infer<ReturnType<typeof termsConfigSchema>>;
