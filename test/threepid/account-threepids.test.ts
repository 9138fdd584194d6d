/** Addresses after sign-up against the development homeserver (the same suite runs against a real Synapse). */
import { ADMIN_TOKEN, startHarness, THREEPID } from '../support/harness.js';
import { accountThreepidsSuite } from '../synapse/account-threepids.suite.js';

accountThreepidsSuite('development homeserver', {
  start: () =>
    startHarness({
      mode: 'admin_api',
      messaging: true,
      config: {
        // terms + dummy: a sign-up with no address, which adds one afterwards and resets the password with it.
        registration: { flows: [['m.login.terms', 'm.login.dummy'], ['m.login.email.identity'], ['m.login.msisdn']] },
        threepid: THREEPID,
        recovery: {},
      },
    }),
  homeserver: (h) => ({ url: h.homeserver.url, serverName: h.homeserver.serverName, adminToken: ADMIN_TOKEN }),
});
