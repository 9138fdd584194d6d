/** The tenant's policies for `m.login.terms`, in the shape the stage advertises them. */
import * as z from 'zod';

const policyText = z.object({ name: z.string().min(1), url: z.url({ protocol: /^https?$/ }) }).strict();

/** One policy: `{version, <lang>: {name, url}, ...}` with at least one language. */
const policy = z
  .object({ version: z.string().min(1) })
  .catchall(policyText)
  .refine((p) => Object.keys(p).some((k) => k !== 'version'), 'needs at least one language, e.g. "en": {name, url}');

export const termsConfigSchema = z
  .object({ policies: z.record(z.string().regex(/^[A-Za-z0-9_.-]+$/), policy) })
  .strict()
  .refine((t) => Object.keys(t.policies).length > 0, 'needs at least one policy');

export type TermsConfig = z.infer<typeof termsConfigSchema>;
