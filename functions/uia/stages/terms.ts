/** `m.login.terms`: the client shows the tenant's policies; passing records which versions were accepted. */
import { LoginType } from '../../matrix/login-types.js';
import { pass, type Stage } from './stage.js';
import type { TermsConfig } from './terms-config.js';

export function termsStage(terms: TermsConfig): Stage<typeof LoginType.Terms> {
  const params = { policies: terms.policies };
  const accepted = Object.fromEntries(Object.entries(terms.policies).map(([id, p]) => [id, p.version]));
  return {
    type: LoginType.Terms,
    params: () => params,
    // Submitting the stage is the acceptance; keep the versions so it can be audited later.
    check: async () => pass({ accepted }),
  };
}
