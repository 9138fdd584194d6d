/** The guesses the fast stage path makes from the flows alone (uia/flows.ts). */
import { describe, expect, it } from 'vitest';
import { LoginType } from '../../functions/matrix/login-types.js';
import { FlowSet } from '../../functions/uia/flows.js';

const flows = new FlowSet(
  [
    [LoginType.Terms, LoginType.Dummy],
    [LoginType.EmailIdentity, LoginType.Terms],
  ],
  new Map(),
);

describe('what the flows say of a stage', () => {
  it('tells a stage that ends some flow from one that ends every flow it is in', () => {
    expect(flows.endsAFlow(LoginType.Terms)).toBe(true);
    expect(flows.endsEveryFlow(LoginType.Terms)).toBe(false);
    expect(flows.endsEveryFlow(LoginType.Dummy)).toBe(true);
    expect(flows.endsEveryFlow(LoginType.EmailIdentity)).toBe(false);
    expect(flows.endsEveryFlow(LoginType.Recaptcha)).toBe(false);
  });
});
