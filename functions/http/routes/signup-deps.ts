/** What the sign-up page's routes are built from (compose/build.ts fills it for the register part). */
import type { PagesConfig } from '../../config/pages-config.js';
import type { TenantConfig } from '../../config/tenant-config.js';
import type { TokenRequests } from '../../threepid/request-token.js';
import type { TokenSubmissions } from '../../threepid/submit-token.js';
import type { Registration } from '../../uia/engine.js';
import type { SignupCookies } from '../signup-state.js';
import type { SwitchReader } from '../../ports/switches.js';

export interface SignupRouteDeps {
  config: TenantConfig;
  pages: PagesConfig;
  registration: Registration;
  cookies: SignupCookies;
  /** Present when the tenant verifies addresses (the email and phone steps). */
  requests?: TokenRequests;
  submissions?: TokenSubmissions;
  /** The operator's live switches: `close-registration` shows the closed page, as `registration.enabled: false`. */
  switches?: SwitchReader;
}
