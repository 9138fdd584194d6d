/**
 * The operator console as `npm start` builds it, for the browser suites and the screenshots: startLocal with
 * the development config plus an invitation flow, its own port and table, the operator key and the
 * development server admin's password known to the test. No vitest here.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { type LocalFrontDoor, startLocal } from '../../../local/start.js';
import { CONSOLE_PATH } from '../../../functions/http/console/console-deps.js';

export { CONSOLE_PATH };
export const CONSOLE_KEY = 'an-operator-key-for-the-console-tests';
export const ADMIN_PASSWORD = 'the development admin passphrase';
export const HS_ADMIN_TOKEN = 'syt_console_tests_admin_token';

const DEV_CONFIG = fileURLToPath(new URL('../../../local/dev-config.json', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** npm start's front door with invitations: the dev config, an invitation flow first, no mail or SMS (this suite sends none); `extra` config on top. */
export async function startConsoleSite(extra: Record<string, unknown> = {}): Promise<LocalFrontDoor> {
  const port = await freePort();
  const raw = JSON.parse(readFileSync(DEV_CONFIG, 'utf8'));
  delete raw.threepid;
  delete raw.events;
  delete raw.recovery;
  raw.registration.flows = [
    ['m.login.registration_token', 'm.login.terms'],
    ['m.login.terms', 'm.login.dummy'],
  ];
  raw.pages.publicBaseUrl = `http://127.0.0.1:${port}`;
  Object.assign(raw, extra);
  const file = join(mkdtempSync(join(tmpdir(), 'console-site-')), 'config.json');
  writeFileSync(file, JSON.stringify(raw));
  const { HOMESERVER_URL: _u, SERVER_NAME: _n, REGISTRATION_SHARED_SECRET: _s, HOMESERVER_ADMIN_TOKEN: _t, ...env } = process.env;
  return startLocal(
    {
      ...env,
      FRONT_DOOR_CONFIG: file,
      FRONT_DOOR_OPERATOR_KEY: CONSOLE_KEY,
      DEV_ADMIN_PASSWORD: ADMIN_PASSWORD,
      HOMESERVER_ADMIN_TOKEN: HS_ADMIN_TOKEN,
      PORT: String(port),
      DEV_HOMESERVER_PORT: '0',
      TABLE_NAME: `console-${port}`,
      AWS_ENDPOINT_URL_SES: '',
      AWS_ENDPOINT_URL_SNS: '',
    },
    { quiet: true },
  );
}

/** Signs in through the console's admin form, by keyboard alone: Tab into each field, Enter to send. */
export async function signInAsAdmin(page: Page, site: LocalFrontDoor, user = 'admin', password = ADMIN_PASSWORD): Promise<void> {
  await page.goto(`${site.url}${CONSOLE_PATH}`);
  await page.locator('#user').focus();
  await page.keyboard.type(user);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await page.waitForLoadState('load');
}

/** Presses Tab until the focused element matches `selector` (a keyboard user's way to a control); fails after `max` presses. */
export async function tabTo(page: Page, selector: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if ((await page.locator(`${selector}:focus`).count()) > 0) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** A sign-up through the client API (terms, then dummy): with the approval example it waits for an operator. */
export async function signUpByApi(site: LocalFrontDoor, username: string): Promise<number> {
  const register = `${site.url}/_matrix/client/v3/register`;
  const post = (body: unknown) => fetch(register, { method: 'POST', body: JSON.stringify(body) });
  const first = (await (await post({ username, password: 'a quiet long river' })).json()) as { session: string };
  await post({ auth: { type: 'm.login.terms', session: first.session } });
  return (await post({ auth: { type: 'm.login.dummy', session: first.session } })).status;
}
