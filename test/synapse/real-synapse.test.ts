/**
 * The front door in front of a real Synapse (1.67 with the 3PID lookup, or newer), in both creation modes.
 * Runs when HOMESERVER_URL, REGISTRATION_SHARED_SECRET and HOMESERVER_ADMIN_TOKEN name one (`.ci/run` starts
 * one with ../shared/synapse/synapse.sh); SYNAPSE_DIR and SYNAPSE_PORT also let it restart that Synapse.
 * One file, so its parts run one after another: the restart must not pull Synapse from under the others.
 */
import { describe } from 'vitest';
import type { Mode } from '../support/harness.js';
import { realSynapse, type RealSynapse } from './env.js';
import { approvalSuite } from './approval.suite.js';
import { displayNameSuite } from './display-name.suite.js';
import { faultsSuite } from './faults.suite.js';
import { gatingSuite } from './gating.suite.js';
import { onboardingSuite } from './onboarding.suite.js';
import { racesSuite } from './races.suite.js';
import { readmePromisesSuite } from './readme-promises.suite.js';
import { restartSuite } from './restart.suite.js';
import { signUpSuite } from './sign-up.suite.js';
import { threepidSuite } from './threepid.suite.js';
import { accountThreepidsSuite } from './account-threepids.suite.js';
import { passwordResetSuite } from './password-reset.suite.js';
import { startFrontDoor } from './sign-up.js';
import { consoleSuite } from './console.suite.js';

const found = realSynapse();
const missing = 'missing' in found ? found.missing : undefined;
if (missing) console.log(`real Synapse suite skipped: ${missing} not set; see the README, "Testing against a real Synapse"`);

describe.skipIf(missing)('the front door in front of a real Synapse', () => {
  const synapse = found as RealSynapse;
  readmePromisesSuite(synapse);
  consoleSuite(synapse);
  // Binding after sign-up needs the admin token, which both modes hold here.
  accountThreepidsSuite('Synapse', {
    // recovery: an address added after sign-up then resets the password.
    start: () => startFrontDoor(synapse, 'admin_api', { config: { recovery: {} } }),
    homeserver: () => synapse,
  });
  for (const mode of ['shared_secret', 'admin_api'] as Mode[]) {
    signUpSuite(synapse, mode);
    threepidSuite(synapse, mode);
    gatingSuite(synapse, mode);
    racesSuite(synapse, mode);
    passwordResetSuite(synapse, mode);
    onboardingSuite(synapse, mode);
    approvalSuite(synapse, mode);
    displayNameSuite(synapse, mode);
  }
  for (const mode of ['shared_secret', 'admin_api'] as Mode[]) faultsSuite(synapse, mode);
  for (const mode of ['shared_secret', 'admin_api'] as Mode[]) restartSuite(synapse, mode);
});
