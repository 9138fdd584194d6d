/** Issue 18: what a process remembers of the sessions it saw (uia/session-hints.ts), and what it forgets. */
import { describe, expect, it } from 'vitest';
import type { RegistrationSession } from '../../functions/model/session.js';
import { SessionHints } from '../../functions/uia/session-hints.js';

const session = (id: string, over: Partial<RegistrationSession> = {}): RegistrationSession => ({
  id,
  createdAt: 0,
  expiresAt: 1_000,
  status: 'open',
  stages: {},
  device: { inhibitLogin: false, refreshToken: false },
  ...over,
});

describe('session hints', () => {
  it('keeps the stages an open session passed, until the session ends', () => {
    const hints = new SessionHints();
    hints.remember(session('s', { stages: { 'm.login.terms': { at: 1, accepted: {} } } }));
    expect(hints.passed('s', 999)).toEqual(['m.login.terms']);
    expect(hints.passed('s', 1_000)).toBeUndefined();
    expect(hints.passed('s', 0)).toBeUndefined();
    expect(hints.passed('never-seen', 0)).toBeUndefined();
  });

  it('forgets a session that is no longer open: nothing is left to guess', () => {
    const hints = new SessionHints();
    hints.remember(session('s'));
    hints.remember(session('s', { status: 'creating' }));
    expect(hints.passed('s', 0)).toBeUndefined();
  });

  it('keeps at most its share, the session seen longest ago going first', () => {
    const hints = new SessionHints(2);
    hints.remember(session('a'));
    hints.remember(session('b'));
    hints.remember(session('a', { stages: { 'm.login.dummy': { at: 1 } } }));
    hints.remember(session('c'));
    expect(hints.passed('b', 0)).toBeUndefined();
    expect(hints.passed('a', 0)).toEqual(['m.login.dummy']);
    expect(hints.passed('c', 0)).toEqual([]);
  });
});
