'use strict';

// The login state against the real service: a logout that holds, storage that fails, another API's
// token, and the events. Each sequence here failed before the state moved into memory (8589ad5).

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');

const { createClient, ApiError, LoggedOutError, StorageError } = require('..');
const { startService } = require('./support/service');
const { nodeWx } = require('./support/node-wx');

let service;
let otherApi;
let users = 0;

function newPhone(options = {}) {
  const user = options.user || `state-${process.pid}-${++users}`;
  const phone = nodeWx({ sandboxUrl: service.sandboxUrl, user, storage: options.storage });
  const lost = [];
  const client = createClient({ baseUrl: service.baseUrl, wx: phone.api, onAuthLost: (e) => lost.push(e), ...options.client });
  return { user, phone, client, lost };
}

const refreshes = (phone) => phone.state.sent.filter((r) => r.path === '/api/v1/token/refresh');
const logins = (phone) => phone.state.sent.filter((r) => r.path === '/api/v1/login');

function expireStoredToken(phone) {
  phone.storage.set('wxlogin', { ...phone.storage.get('wxlogin'), expiresAt: Date.now() - 1000 });
}

/**
 * Another API on its own origin that trusts our tokens: it asks the service who the bearer is
 * (GET /api/v1/me) and answers 401 invalid_token (RFC 6750) when the service refuses the token.
 * /orders/premium answers a 401 of its own, with a code that is none of ours.
 */
function startOtherApi() {
  const seen = [];
  const server = http.createServer(async (req, res) => {
    const authorization = req.headers.authorization || null;
    seen.push({ path: req.url, authorization });
    const answer = (status, body, header = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...header });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/orders/premium') {
      answer(401, { code: 'SUBSCRIPTION_REQUIRED', message: 'subscribe first' });
      return;
    }
    const who = authorization ? await fetch(`${service.baseUrl}/api/v1/me`, { headers: { Authorization: authorization } }) : null;
    if (!who || who.status !== 200) {
      answer(401, { error: 'unauthorized' }, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
      return;
    }
    answer(200, { orders: [], user: (await who.json()).id });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    origin: `http://127.0.0.1:${server.address().port}`,
    seen,
    stop: () => new Promise((r) => server.close(r))
  })));
}

before(async () => {
  service = await startService();
  otherApi = await startOtherApi();
});

after(async () => {
  if (otherApi) await otherApi.stop();
  if (service) await service.stop();
});

describe('logging out', () => {
  test('a refresh in flight when logout() is called stores nothing, and ten requests after it reject LOGGED_OUT without logging in', async () => {
    const { phone, client } = newPhone();
    await client.login();
    expireStoredToken(phone);
    phone.state.delay = (params) => (params.url.endsWith('/api/v1/token/refresh') ? 300 : 0);

    const pending = client.request({ url: '/api/v1/me' });
    while (refreshes(phone).length === 0) await new Promise((r) => setTimeout(r, 5));
    const { revoked } = await client.logout();
    const outcomes = await Promise.allSettled([pending, ...Array.from({ length: 10 }, () => client.request({ url: '/api/v1/me' }))]);
    await new Promise((r) => setTimeout(r, 400)); // the refresh's answer has arrived by now

    assert.equal(revoked, true);
    for (const outcome of outcomes) {
      assert.equal(outcome.status, 'rejected');
      assert.ok(outcome.reason instanceof LoggedOutError);
      assert.equal(outcome.reason.code, 'LOGGED_OUT');
      assert.equal(outcome.reason.messageZh, '已退出登录，请重新登录');
    }
    assert.deepEqual(phone.storage.get('wxlogin'), { loggedOut: true });
    assert.equal(client.getState(), null);
    assert.equal(logins(phone).length, 1);
    assert.equal(phone.state.codes.length, 1);
  });

  test('ensureLogin(), getAccessToken() and refresh() say LOGGED_OUT until login(), which logs in again', async () => {
    const { phone, client } = newPhone();
    await client.login();
    await client.logout();

    for (const call of [client.ensureLogin(), client.getAccessToken(), client.refresh(), client.me()]) {
      await assert.rejects(call, (e) => e instanceof LoggedOutError);
    }
    assert.equal(client.isLoggedOut(), true);
    await client.login();

    assert.equal(client.isLoggedOut(), false);
    assert.equal((await client.request({ url: '/api/v1/me' })).statusCode, 200);
    assert.equal(phone.state.codes.length, 2);
  });

  test('another client sharing the storage sees the logout on its next request', async () => {
    const storage = new Map();
    const a = newPhone({ storage });
    const b = newPhone({ storage, user: a.user });
    await a.client.login();
    assert.equal((await b.client.request({ url: '/api/v1/me' })).statusCode, 200);

    await a.client.logout();

    await assert.rejects(b.client.request({ url: '/api/v1/me' }), LoggedOutError);
    assert.equal(b.phone.state.codes.length, 0);
  });

  test('with autoLogin off nothing logs in until login()', async () => {
    const { phone, client } = newPhone({ client: { autoLogin: false } });

    await assert.rejects(client.request({ url: '/api/v1/me' }), LoggedOutError);
    assert.equal(phone.state.sent.length, 0);
    await client.login();
    assert.equal((await client.request({ url: '/api/v1/me' })).statusCode, 200);
  });

  test('logout({ all: true }) with an expired access token renews it once to end every login', async () => {
    const { phone, client } = newPhone();
    await client.login();
    const { refreshToken } = phone.storage.get('wxlogin');
    const [h, p] = phone.storage.get('wxlogin').accessToken.split('.');
    phone.storage.set('wxlogin', { ...phone.storage.get('wxlogin'), accessToken: `${h}.${p}.forged` });

    assert.deepEqual(await client.logout({ all: true }), { revoked: true });

    const res = await fetch(`${service.baseUrl}/api/v1/token/refresh`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken })
    });
    assert.equal(res.status, 401);
  });
});

describe('storage', () => {
  test('storage that throws on every write: one login, requests keep working in memory, storageError says so', async () => {
    const { phone, client } = newPhone();
    phone.state.storageMode = 'full';
    const errors = [];
    client.on('storageError', (e) => errors.push(e));

    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await client.request({ url: '/api/v1/me' })).statusCode);
    await client.refresh();
    answers.push((await client.request({ url: '/api/v1/me' })).statusCode);

    assert.deepEqual(answers, [200, 200, 200, 200]);
    assert.equal(phone.state.codes.length, 1);
    assert.equal(refreshes(phone)[0].status, 200);
    assert.ok(errors.length >= 1);
    assert.ok(errors.every((e) => e instanceof StorageError && e.code === 'STORAGE_FAILED' && e.operation === 'write'));
  });

  test('storage that throws on read counts as no login once: one login, then requests work', async () => {
    const { phone, client } = newPhone();
    phone.state.storageMode = 'broken';
    const errors = [];
    client.on('storageError', (e) => errors.push(e.operation));

    const answers = await Promise.all(Array.from({ length: 3 }, () => client.request({ url: '/api/v1/me' })));
    const user = await client.me();

    assert.deepEqual(answers.map((a) => a.statusCode), [200, 200, 200]);
    assert.ok(user.id);
    assert.equal(phone.state.codes.length, 1);
    assert.deepEqual([...new Set(errors)].sort(), ['read', 'write']);
  });

  test('a stored state with a blank refresh token counts as no login: one login, not INVALID_FIELD forever', async () => {
    const { phone, client } = newPhone();
    phone.storage.set('wxlogin', { accessToken: 'x.y.z', refreshToken: '', expiresAt: Date.now() - 1, user: null });

    const first = await client.request({ url: '/api/v1/me' });
    const second = await client.request({ url: '/api/v1/me' });

    assert.deepEqual([first.statusCode, second.statusCode], [200, 200]);
    assert.equal(phone.state.codes.length, 1);
    assert.equal(refreshes(phone).length, 0);
  });

  test('stored text that is not a state counts as no login once', async () => {
    const { phone, client } = newPhone();
    phone.storage.set('wxlogin', '{not json');

    assert.equal((await client.request({ url: '/api/v1/me' })).statusCode, 200);
    assert.equal((await client.request({ url: '/api/v1/me' })).statusCode, 200);
    assert.equal(phone.state.codes.length, 1);
  });
});

describe('another API\'s token', () => {
  test('getAccessToken() after expiry: five concurrent calls share one refresh and get a token the service accepts', async () => {
    const { phone, client } = newPhone();
    await client.login();
    const old = phone.storage.get('wxlogin').accessToken;
    expireStoredToken(phone);

    const tokens = await Promise.all(Array.from({ length: 5 }, () => client.getAccessToken()));

    assert.equal(new Set(tokens).size, 1);
    assert.notEqual(tokens[0], old);
    assert.equal(refreshes(phone).length, 1);
    const res = await fetch(`${service.baseUrl}/api/v1/me`, { headers: { Authorization: `Bearer ${tokens[0]}` } });
    assert.equal(res.status, 200);
  });

  test('a resourceOrigins API gets the token and its invalid_token 401 renews it; a host outside gets none', async () => {
    const { phone, client } = newPhone({ client: { resourceOrigins: [otherApi.origin] } });
    await client.login();
    const stored = phone.storage.get('wxlogin');
    const [h, p] = stored.accessToken.split('.');
    phone.storage.set('wxlogin', { ...stored, accessToken: `${h}.${p}.forged` });
    const outside = otherApi.origin.replace('127.0.0.1', 'localhost');
    otherApi.seen.length = 0;

    const inside = await client.request({ url: `${otherApi.origin}/orders` });
    const elsewhere = await client.request({ url: `${outside}/orders` });

    assert.equal(inside.statusCode, 200);
    assert.equal(inside.data.user, stored.user.id);
    assert.equal(refreshes(phone).length, 1);
    assert.equal(elsewhere.statusCode, 401);
    assert.deepEqual(otherApi.seen.map((s) => [s.path, s.authorization ? s.authorization.split('.')[2] === 'forged' ? 'forged' : 'token' : 'none']),
      [['/orders', 'forged'], ['/orders', 'token'], ['/orders', 'none']]);
  });

  test('a 401 whose code is not one of the service\'s token codes goes back to the caller, with no refresh', async () => {
    const { phone, client } = newPhone({ client: { resourceOrigins: [otherApi.origin] } });
    await client.login();

    const res = await client.request({ url: `${otherApi.origin}/orders/premium` });

    assert.equal(res.statusCode, 401);
    assert.equal(res.data.code, 'SUBSCRIPTION_REQUIRED');
    assert.equal(refreshes(phone).length, 0);
    assert.equal(phone.state.sent.filter((r) => r.path === '/orders/premium').length, 1);
  });
});

describe('events', () => {
  test('login, refresh, logout and change are emitted as they happen', async () => {
    const { phone, client } = newPhone();
    const events = [];
    for (const name of ['login', 'refresh', 'logout', 'change']) {
      client.on(name, (payload) => events.push(name === 'change' ? `change:${payload ? 'state' : 'null'}` : name));
    }

    await client.login();
    expireStoredToken(phone);
    await client.request({ url: '/api/v1/me' });
    await client.logout();

    assert.deepEqual(events, ['change:state', 'login', 'change:state', 'change:state', 'refresh', 'change:null', 'logout']);
  });

  test('authLost is emitted once with the final refusal when the refresh and the re-login are refused', async () => {
    const { user, phone, client, lost } = newPhone();
    const events = [];
    client.on('authLost', (e) => events.push(e.code));
    await client.login();
    const other = newPhone({ user });
    await other.client.login();
    await other.client.logout({ all: true });
    expireStoredToken(phone);
    await fetch(`${service.sandboxUrl}/sandbox/faults`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ api: 'jscode2session', kind: 'ERRCODE', errcode: 40226, times: 1 })
    });

    await Promise.allSettled([client.request({ url: '/api/v1/me' }), client.request({ url: '/api/v1/me' })]);

    assert.deepEqual(events, ['WX_USER_BLOCKED']);
    assert.equal(lost.length, 1);
    assert.ok(lost[0].cause instanceof ApiError);
  });
});
