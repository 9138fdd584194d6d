/** The live switches: each with its state and what it affects; a change is confirmed on a page of its own first. */
import type { LiveSwitches, SwitchesState } from '../../model/live-switches.js';
import { html, type Markup, type Page } from '../layout.js';
import type { ConsoleKey } from './console-en.js';
import { say } from './console-i18n.js';
import { type ConsoleFrame, consolePage, csrfField } from './console-layout.js';

export const SWITCHES: readonly (keyof LiveSwitches)[] = ['registrationClosed', 'smsPaused', 'emailPaused'];

const WORDS: Record<keyof LiveSwitches, { name: ConsoleKey; affects: ConsoleKey }> = {
  registrationClosed: { name: 'switchRegistration', affects: 'switchRegistrationAffects' },
  smsPaused: { name: 'switchSms', affects: 'switchSmsAffects' },
  emailPaused: { name: 'switchEmail', affects: 'switchEmailAffects' },
};

export const switchName = (frame: ConsoleFrame, key: keyof LiveSwitches) => frame.t[WORDS[key].name];
const stateWord = (frame: ConsoleFrame, on: boolean) => (on ? frame.t.stateOn : frame.t.stateOff).toLowerCase();

function switchRow(frame: ConsoleFrame, state: SwitchesState, key: keyof LiveSwitches): Markup {
  const { t } = frame;
  const on = state[key];
  return html`<section class="card" data-switch="${key}" data-on="${String(on)}" aria-labelledby="sw-${key}"><h2 id="sw-${key}">${t[WORDS[key].name]}: ${on ? t.stateOn : t.stateOff}</h2><p>${t[WORDS[key].affects]}</p><p><a href="${frame.path}/switches?confirm=${key}&amp;to=${on ? 'off' : 'on'}">${on ? t.turnOff : t.turnOn}<span class="sr-only"> — ${t[WORDS[key].name]}</span></a></p></section>`;
}

export function switchesPage(frame: ConsoleFrame, state: SwitchesState, notice?: { text: string; error?: boolean }): Page {
  const { t } = frame;
  const last =
    state.changedAt !== undefined
      ? html`<p class="hint">${say(t, 'switchesLastChange', { when: new Date(state.changedAt).toISOString().slice(0, 16).replace('T', ' '), who: state.changedBy ?? '' })}</p>`
      : '';
  const body = html`<p>${t.switchesIntro}</p>${last}<div class="cols">${SWITCHES.map((key) => switchRow(frame, state, key))}</div>`;
  return consolePage({ frame, section: 'switches', heading: t.switchesHeading, body, notice });
}

export function confirmSwitchPage(frame: ConsoleFrame, key: keyof LiveSwitches, to: boolean): Page {
  const { t } = frame;
  const values = { switch: t[WORDS[key].name], state: stateWord(frame, to) };
  const body = html`<p>${say(t, 'confirmAffects', { affects: t[WORDS[key].affects] })}</p><form method="post" action="${frame.path}/switches">${csrfField(frame)}<input type="hidden" name="switch" value="${key}"><input type="hidden" name="to" value="${to ? 'on' : 'off'}"><button type="submit">${say(t, 'confirm', values)}</button></form><p><a href="${frame.path}/switches">${t.cancel}</a></p>`;
  return consolePage({ frame, section: 'switches', heading: say(t, 'confirmHeading', values), body });
}

export const switchChangedText = (frame: ConsoleFrame, key: keyof LiveSwitches, on: boolean) =>
  say(frame.t, 'switchChanged', { switch: switchName(frame, key), state: stateWord(frame, on) });
