/**
 * The approval queue on the development homeserver: a finished sign-up waits (403 M_USER_AWAITING_APPROVAL,
 * the same on every repeat), an operator approves it and the person logs in with their password, or denies
 * it and the name is free again; past the deadline the sealed password is gone and approval is refused.
 */
import { describe, expect, it } from 'vitest';
import { DynamoApprovalStore } from '../../functions/adapters/dynamodb/approval-store.js';
import { REGISTER } from '../support/harness.js';
import { TestClock } from '../support/test-clock.js';
import { useHarness } from '../support/use-harness.js';
import { finishFlow, login, OPERATOR_KEY, operator, REQUESTS, requestOf, sealedPasswords } from './support.js';

const DAY_S = 24 * 3600;

describe.each(['shared_secret', 'admin_api'] as const)('the approval queue (%s)', (mode) => {
  const clock = new TestClock();
  const h = useHarness({
    mode,
    clock,
    config: { approval: { when: { always: true }, deadlineSeconds: 2 * DAY_S } },
    secrets: { operatorKey: OPERATOR_KEY },
  });

  it('MUST-SHOW: an operator approves a pending sign-up through the API and the person then logs in', async () => {
    const { final, session } = await finishFlow(h, 'pat');
    expect(final.status).toBe(403);
    expect(final.body).toEqual({
      errcode: 'M_USER_AWAITING_APPROVAL',
      error: 'This account is pending approval by a server administrator.',
      approval_notice_medium: 'm.none',
    });
    // A repeat of the final call answers the same, and makes no second request.
    const again = await h.post(REGISTER, { auth: { type: 'm.login.dummy', session } });
    expect(again).toMatchObject({ status: 403, body: { errcode: 'M_USER_AWAITING_APPROVAL' } });
    const listed = (await operator(h, REQUESTS)).body.requests.filter((r: { username: string }) => r.username === 'pat');
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ state: 'pending', user_id: '@pat:localhost', threepids: [], reasons: ['always'] });
    expect(listed[0].terms_accepted).toEqual({ privacy_policy: '1.0', terms_of_service: '2.1' });
    expect(listed[0].ip_hash).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(h.homeserver.getUser('@pat:localhost')).toBeUndefined();
    // The name stays reserved while it waits.
    expect((await h.get('/_matrix/client/v3/register/available?username=pat')).body.errcode).toBe('M_USER_IN_USE');

    const approved = await operator(h, `${REQUESTS}/${listed[0].id}/approve`, { body: {} });
    expect(approved.status).toBe(200);
    expect(approved.body).toEqual({ id: listed[0].id, state: 'approved', user_id: '@pat:localhost', decided_now: true });
    const loggedIn = await login(h.homeserver.url, 'pat');
    expect(loggedIn.status).toBe(200);
    expect(loggedIn.body.user_id).toBe('@pat:localhost');
    // Nobody waited for tokens: the only device is the one the login made.
    expect(h.homeserver.getUser('@pat:localhost')!.devices).toHaveLength(1);
    expect(await sealedPasswords(h, 'pat')).toEqual([]);
    // Approving again changes nothing and says it was decided before.
    const twice = await operator(h, `${REQUESTS}/${listed[0].id}/approve`, { body: {} });
    expect(twice.body).toMatchObject({ state: 'approved', user_id: '@pat:localhost', decided_now: false });
  });

  it('a denial frees the name and the addresses: another session can take the name', async () => {
    await finishFlow(h, 'dana');
    const request = await requestOf(h, 'dana');
    const denied = await operator(h, `${REQUESTS}/${request.id}/deny`, { body: { reason: 'unknown to us', share_reason: true } });
    expect(denied.body).toEqual({ id: request.id, state: 'denied', decided_now: true });
    expect(await sealedPasswords(h, 'dana')).toEqual([]);
    expect((await h.get('/_matrix/client/v3/register/available?username=dana')).body).toEqual({ available: true });
    const retaken = await finishFlow(h, 'dana');
    expect(retaken.final.body.errcode).toBe('M_USER_AWAITING_APPROVAL');
    // The first request's decision stands: a second decision is refused.
    expect(await operator(h, `${REQUESTS}/${request.id}/approve`, { body: {} })).toMatchObject({
      status: 409,
      body: { errcode: 'M_UNKNOWN', state: 'denied' },
    });
    const record = await operator(h, `${REQUESTS}/${request.id}`);
    expect(record.body).toMatchObject({ state: 'denied', reason: 'unknown to us', share_reason: true, decided_by: 'default' });
  });

  it('past the deadline the sealed password is gone from the table and approval is refused', async () => {
    const { session } = await finishFlow(h, 'late');
    const request = await requestOf(h, 'late');
    const before = (await h.items()).find((item) => item.pk === `session#${session}`);
    expect(before).toMatchObject({ status: 'pending', sealedPassword: expect.any(String) });

    clock.advance(2 * DAY_S * 1000 + 1);
    const refused = await operator(h, `${REQUESTS}/${request.id}/approve`, { body: {} });
    expect(refused).toMatchObject({ status: 410, body: { errcode: 'M_NOT_FOUND', state: 'expired' } });
    expect(refused.body.error).toMatch(/expired/);
    const items = await h.items();
    expect(items.find((item) => item.pk === `session#${session}`)).toBeUndefined();
    expect(await sealedPasswords(h, 'late')).toEqual([]);
    expect((await h.get('/_matrix/client/v3/register/available?username=late')).body).toEqual({ available: true });
    expect(h.homeserver.getUser('@late:localhost')).toBeUndefined();
  });

  it('listing after the deadline closes every expired request: no sealed password is left, nothing is listed', async () => {
    await finishFlow(h, 'swept1');
    await finishFlow(h, 'swept2');
    expect(await sealedPasswords(h, 'swept1')).toHaveLength(1);
    clock.advance(2 * DAY_S * 1000 + 1);
    const list = await operator(h, REQUESTS);
    expect(list.body.requests.filter((r: { username: string }) => r.username.startsWith('swept'))).toEqual([]);
    expect([...(await sealedPasswords(h, 'swept1')), ...(await sealedPasswords(h, 'swept2'))]).toEqual([]);
    const closed = (await h.items()).filter((item) => item.pk === 'approval' && String(item.localpart).startsWith('swept'));
    expect(closed.map((item) => item.state)).toEqual(['expired', 'expired']);
  });

  it('two operators approving at once make one account, and only one of them decided', async () => {
    await finishFlow(h, 'twin');
    const request = await requestOf(h, 'twin');
    const both = await Promise.all([1, 2].map(() => operator(h, `${REQUESTS}/${request.id}/approve`, { body: {} })));
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(both.map((r) => r.body.user_id)).toEqual(['@twin:localhost', '@twin:localhost']);
    expect(both.filter((r) => r.body.decided_now)).toHaveLength(1);
    expect(h.homeserver.listUsers().filter((u) => u.name === '@twin:localhost')).toHaveLength(1);
    expect((await login(h.homeserver.url, 'twin')).status).toBe(200);
  });

  it('decides in bulk: each request gets its own result, a refusal of one is not the call’s', async () => {
    await finishFlow(h, 'bulk1');
    await finishFlow(h, 'bulk2');
    const ids = [(await requestOf(h, 'bulk1')).id, (await requestOf(h, 'bulk2')).id];
    const res = await operator(h, `${REQUESTS}/deny`, { body: { ids: [...ids, '000000000000001.Abcdefghijklmnop'] } });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { id: ids[0], state: 'denied', decided_now: true },
      { id: ids[1], state: 'denied', decided_now: true },
      { id: '000000000000001.Abcdefghijklmnop', status: 404, errcode: 'M_NOT_FOUND', error: 'No such sign-up request' },
    ]);
  });

  it('refuses bad operator input with 400 and a missing key with 401, never a 5xx', async () => {
    expect((await h.get(REQUESTS)).status).toBe(401);
    for (const body of [{}, { ids: [] }, { ids: ['x'] }, { ids: 'nope' }]) {
      expect(await operator(h, `${REQUESTS}/approve`, { body })).toMatchObject({ status: 400, body: { errcode: 'M_INVALID_PARAM' } });
    }
    expect((await operator(h, `${REQUESTS}/not-an-id/approve`, { body: {} })).status).toBe(400);
    expect((await operator(h, `${REQUESTS}?limit=0`)).status).toBe(400);
    const long = await operator(h, `${REQUESTS}/000000000000001.Abcdefghijklmnop/deny`, { body: { reason: 'x'.repeat(1001) } });
    expect(long.status).toBe(400);
  });

  it('the decision is one conditional write: the second attempt loses', async () => {
    await finishFlow(h, 'once');
    const request = await requestOf(h, 'once');
    const store = new DynamoApprovalStore(h.db, h.config.tableName);
    const stored = (await store.get(request.id))!;
    expect(await store.approve(stored, 'a', clock.now())).toBe(true);
    expect(await store.approve(stored, 'b', clock.now())).toBe(false);
    expect(await store.close(stored, { state: 'denied', decidedBy: 'c' }, clock.now())).toBe(false);
    expect((await store.get(request.id))!).toMatchObject({ state: 'approved', decidedBy: 'a' });
  });
});
