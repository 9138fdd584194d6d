/** What the "Forgot password" page is built from (compose/ fills it for the register part), and two small facts about it. */
import type { PagesConfig } from '../../config/pages-config.js';
import { pagesBaseUrl } from '../../config/pages-urls.js';
import type { TenantConfig } from '../../config/tenant-config.js';
import { Medium } from '../../model/medium.js';
import type { TokenRequests } from '../../threepid/request-token.js';
import type { TokenSubmissions } from '../../threepid/submit-token.js';
import type { PasswordReset } from '../../uia/password-reset.js';
import type { ResetCookies } from '../forgot-password-state.js';

export interface ForgotPasswordDeps {
  config: TenantConfig;
  pages: PagesConfig;
  /** The page's own path (`recovery.pagePath`). */
  path: string;
  cookies: ResetCookies;
  requests: TokenRequests;
  submissions: TokenSubmissions;
  reset: PasswordReset;
  enumerationSafe: boolean;
}

/** Whether the tenant verifies this medium (the page offers only those). */
export const offers = (deps: Pick<ForgotPasswordDeps, 'config'>, medium: Medium) =>
  medium === Medium.Email ? deps.config.threepid?.email !== undefined : deps.config.threepid?.msisdn !== undefined;

/** Where the reset mail's link brings the person back. */
export const continueUrl = (deps: ForgotPasswordDeps) => `${pagesBaseUrl(deps.config)}${deps.path}/continue`;
