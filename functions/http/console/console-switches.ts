/**
 * The console's live switches: shown, and changed after a confirmation page, through the same audited
 * change as the operator API (policy/live-switches.ts), in the name of who is signed in.
 */
import { Hono } from 'hono/tiny';
import type { LiveSwitches } from '../../model/live-switches.js';
import { changeSwitches } from '../../policy/live-switches.js';
import { confirmSwitchPage, SWITCHES, switchChangedText, switchesPage } from '../../web/console/console-switches-page.js';
import { operatorOf } from '../routes/operator-auth.js';
import type { ConsoleDeps } from './console-deps.js';
import { backTo, consoleFrame, sendPage } from './console-frame.js';

const switchOf = (name: unknown) => SWITCHES.find((s) => s === name);

export function consoleSwitchRoutes(deps: ConsoleDeps): Hono {
  const routes = new Hono();
  const store = deps.switches;
  if (!store) return routes;

  routes.get('/switches', async (c) => {
    const frame = consoleFrame(c, deps, c.get('consoleState'));
    const confirm = switchOf(c.req.query('confirm'));
    const to = c.req.query('to');
    if (confirm && (to === 'on' || to === 'off')) return sendPage(c, confirmSwitchPage(frame, confirm, to === 'on'));
    const changed = switchOf(c.req.query('changed'));
    const notice = changed
      ? { text: switchChangedText(frame, changed, c.req.query('state') === 'on') }
      : c.req.query('notice') === 'csrf'
        ? { text: frame.t.csrfFailed, error: true }
        : undefined;
    return sendPage(c, switchesPage(frame, await store.read(), notice));
  });

  routes.post('/switches', async (c) => {
    const form = await c.req.parseBody();
    const key = switchOf(form.switch);
    if (!key || (form.to !== 'on' && form.to !== 'off')) return backTo(c, '/switches');
    const changes: Partial<LiveSwitches> = { [key]: form.to === 'on' };
    await changeSwitches({ store, clock: deps.clock, audit: deps.audit }, operatorOf(c), changes);
    return backTo(c, '/switches', { changed: key, state: form.to });
  });
  return routes;
}
