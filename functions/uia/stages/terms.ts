/** `m.login.terms`: the client shows the tenant's policies; passing records which versions were accepted. */
import { LoginType } from '../../matrix/login-types.js';
import { pass, type SessionFreeStage } from './stage.js';
import type { TermsConfig } from './terms-config.js';

export function termsStage(terms: TermsConfig): SessionFreeStage<typeof LoginType.Terms> {
  const params = { policies: terms.policies };
  const accepted = Object.fromEntries(Object.entries(terms.policies).map(([id, p]) => [id, p.version]));
  return {
    type: LoginType.Terms,
    sessionFree: true,
    params: () => params,
    // Submitting the stage is the acceptance; keep the versions so it can be audited later.
    check: async () => pass({ accepted }),
  };
}
