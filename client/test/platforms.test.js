'use strict';

// The SDK on Douyin (tt), Alipay (my) and QQ (qq), through Node stand-ins of their own objects
// (support/platform-fakes.js) against the real service in sandbox mode, which serves one demo app per
// platform. 'logging in through the service on each platform' logs in for real with the service's own
// sandbox's simulated phone. The tests that pin what a login sends take Douyin's and QQ's codes from the
// phones of a second sandbox, run alone, whose codes the service does not know: their outcome is not asserted.
// The stored login for the request, storage and logout tests is a real one, made on WeChat.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');

const { createClient, ApiError, NetworkError, WxCallError } = require('..');
const { startService, startPlatformSandbox } = require('./support/service');
const { nodeWx } = require('./support/node-wx');
const { nodeTt, nodeQq, nodeMy } = require('./support/platform-fakes');

let service;
let platformSandbox;
let users = 0;
const newUser = () => `platform-${process.pid}-${++users}`;

before(async () => {
  // Both start at once; when one fails, the one that started must still be stopped (after() sees it), or
  // its process would keep this file from ending.
  const [started, sandbox] = await Promise.allSettled([startService(), startPlatformSandbox()]);
  service = started.value;
  platformSandbox = sandbox.value;
  for (const outcome of [started, sandbox]) {
    if (outcome.status === 'rejected') throw outcome.reason;
  }
});

after(async () => {
  if (service) await service.stop();
  if (platformSandbox) await platformSandbox.stop();
});

/** The login requests a phone sent, as {header, body}. */
function loginRequests(phone) {
  return phone.state.sent.filter((r) => r.path === '/api/v1/login').map((r) => ({ header: r.header, body: JSON.parse(r.body) }));
}

/** A real login state, made on WeChat, to put into another platform's storage. */
async function wechatLoginState() {
  const phone = nodeWx({ sandboxUrl: service.sandboxUrl, user: newUser() });
  const client = createClient({ baseUrl: service.baseUrl, wx: phone.api });
  await client.login();
  return client.getState();
}

const settled = (promise) => promise.then((value) => ({ value }), (error) => ({ error }));

describe('Douyin (tt)', () => {
  test('logs in silently with tt.login({force: false}) and sends the platform, the code and the anonymous code', async () => {
    const phone = nodeTt({ sandboxUrl: platformSandbox.sandboxUrl, user: newUser() });
    const client = createClient({ baseUrl: service.baseUrl, wx: phone.api, platform: 'douyin', appid: 'tt-demo-app' });

    await settled(client.login());

    const [first] = loginRequests(phone);
    const given = phone.state.phoneLogins[0];
    assert.deepEqual(phone.state.loginOptions[0], { force: false });
    assert.deepEqual(first.body, { platform: 'douyin', code: given.code, anonymousCode: given.anonymousCode });
    assert.ok(given.code && given.anonymousCode);
    assert.equal(first.header['X-WxLogin-AppId'], 'tt-demo-app');
    assert.equal(phone.state.sent[0].status > 0, true, 'the login request reached the service');
  });

  test('a user not logged in to the Douyin app logs in with the anonymous code alone', async () => {
    const phone = nodeTt({ sandboxUrl: platformSandbox.sandboxUrl, user: newUser() });
    phone.state.hostLoggedIn = false;
    const client = createClient({ baseUrl: service.baseUrl, wx: phone.api, platform: 'douyin' });

    await settled(client.login());

    const [first] = loginRequests(phone);
    assert.deepEqual(first.body, { platform: 'douyin', anonymousCode: phone.state.phoneLogins[0].anonymousCode });
  });

  test('douyinForceLogin passes force: true, and a cancelled Douyin login window fails the login before any request', async () => {
    const phone = nodeTt({ sandboxUrl: platformSandbox.sandboxUrl, user: newUser() });
    phone.state.hostLoggedIn = false;
    const client = createClient({ baseUrl: service.baseUrl, wx: phone.api, platform: 'douyin', douyinForceLogin: true });

    const { error } = await settled(client.login());

    assert.ok(error instanceof WxCallError);
    assert.equal(error.code, 'WX_CALL_FAILED');
    assert.deepEqual(phone.state.loginOptions, [{ force: true }]);
    assert.deepEqual(phone.state.sent, []);
  });

  test('without wx or platform, the global tt is found and used as Douyin', async () => {
    const phone = nodeTt({ sandboxUrl: platformSandbox.sandboxUrl, user: newUser() });
    globalThis.tt = phone.api;
    try {
      const client = createClient({ baseUrl: service.baseUrl });
      await settled(client.login());
    } finally {
      delete globalThis.tt;
    }

    assert.equal(loginRequests(phone)[0].body.platform, 'douyin');
  });
});

describe('QQ (qq)', () => {
  test('logs in with qq.login() and sends the platform and the QQ code', async () => {
    const phone = nodeQq({ sandboxUrl: platformSandbox.sandboxUrl, user: newUser() });
    const client = createClient({ baseUrl: service.baseUrl, wx: phone.api, platform: 'qq' });

    await settled(client.login());

    const [first] = loginRequests(phone);
    assert.deepEqual(first.body, { platform: 'qq', code: phone.state.codes[0] });
    assert.equal(phone.state.lastPhoneLogin.platform, 'qq');
  });

  test('uni-app\'s object on QQ (the global qq defined) sends the QQ platform too', async () => {
    const phone = nodeQq({ sandboxUrl: platformSandbox.sandboxUrl, user: newUser() });
    globalThis.qq = phone.api;
    try {
      const uniLike = { ...phone.api };
      const client = createClient({ baseUrl: service.baseUrl, wx: uniLike });
      await settled(client.login());
    } finally {
      delete globalThis.qq;
    }

    assert.equal(loginRequests(phone)[0].body.platform, 'qq');
  });
});

describe('Alipay (my)', () => {
  test('asks my.getAuthCode for the silent auth_base scope and sends the platform and the authCode', async () => {
    const phone = nodeMy({ sandboxUrl: service.sandboxUrl, user: newUser() });
    const client = createClient({ baseUrl: service.baseUrl, wx: phone.api, platform: 'alipay', appid: '2021000000000001' });

    const { error } = await settled(client.login());

    const [first] = loginRequests(phone);
    assert.deepEqual(phone.state.authCodeRequests[0], { scopes: 'auth_base' });
    assert.deepEqual(first.body, { platform: 'alipay', authCode: phone.state.authCodes[0] });
    assert.equal(first.header['X-WxLogin-AppId'], '2021000000000001');
    assert.equal(error, undefined, 'the service logs the Alipay user in');
  });

  test('with a stored login, me() and logout() go through my.request with `headers`, and storage through {key}', async () => {
    const stored = await wechatLoginState();
    const phone = nodeMy({ sandboxUrl: service.sandboxUrl, user: newUser() });
    phone.storage.set('wxlogin', stored);
    const client = createClient({ baseUrl: service.baseUrl, wx: phone.api, platform: 'alipay' });

    const me = await client.me();
    const { revoked } = await client.logout();

    assert.equal(me.id, stored.user.id);
    assert.match(phone.state.sent[0].header.Authorization, /^Bearer ey/);
    assert.equal(revoked, true);
    assert.deepEqual(phone.storage.get('wxlogin'), { loggedOut: true });
    assert.deepEqual(phone.state.sent.map((r) => `${r.method} ${r.path} ${r.status}`), ['GET /api/v1/me 200', 'POST /api/v1/logout 204']);
  });

  test('a refused token (401, my.request\'s error 19) is renewed by the refresh and the call repeated', async () => {
    const stored = await wechatLoginState();
    const phone = nodeMy({ sandboxUrl: service.sandboxUrl, user: newUser() });
    phone.storage.set('wxlogin', { ...stored, accessToken: stored.accessToken.slice(0, -4) + 'AAAA' });
    const client = createClient({ baseUrl: service.baseUrl, wx: phone.api, platform: 'alipay' });

    const res = await client.request({ url: '/api/v1/me' });

    assert.equal(res.statusCode, 200);
    assert.deepEqual(phone.state.sent.map((r) => `${r.method} ${r.path} ${r.status}`),
      ['GET /api/v1/me 401', 'POST /api/v1/token/refresh 200', 'GET /api/v1/me 200']);
    assert.notEqual(phone.storage.get('wxlogin').refreshToken, stored.refreshToken);
  });

  test('a lost network is a NETWORK_ERROR carrying my.request\'s errorMessage', async () => {
    const phone = nodeMy({ sandboxUrl: service.sandboxUrl, user: newUser() });
    phone.state.network = 'down';
    const client = createClient({ baseUrl: service.baseUrl, wx: phone.api, platform: 'alipay' });

    const { error } = await settled(client.login());

    assert.ok(error instanceof NetworkError);
    assert.match(error.message, /network error \(error 12\)/);
  });

  test('a full storage (my.setStorageSync returning error 12) is a storageError, and the login state lives on in memory', async () => {
    const stored = await wechatLoginState();
    const phone = nodeMy({ sandboxUrl: service.sandboxUrl, user: newUser() });
    phone.storage.set('wxlogin', { ...stored, expiresAt: Date.now() - 1000 });
    const client = createClient({ baseUrl: service.baseUrl, wx: phone.api, platform: 'alipay' });
    const storageErrors = [];
    client.on('storageError', (e) => storageErrors.push(e));
    phone.state.storageMode = 'full';

    const renewed = await client.refresh();

    assert.equal(storageErrors.length, 1);
    assert.equal(storageErrors[0].code, 'STORAGE_FAILED');
    assert.match(storageErrors[0].message, /error 12/);
    assert.equal(client.getState().accessToken, renewed.accessToken);
    assert.equal(phone.storage.get('wxlogin').refreshToken, stored.refreshToken);
  });

  test('without wx or platform, the global my is found and used as Alipay', async () => {
    const phone = nodeMy({ sandboxUrl: service.sandboxUrl, user: newUser() });
    globalThis.my = phone.api;
    try {
      const client = createClient({ baseUrl: service.baseUrl });
      await settled(client.login());
    } finally {
      delete globalThis.my;
    }

    assert.equal(loginRequests(phone)[0].body.platform, 'alipay');
  });
});

describe('logging in through the service on each platform', () => {
  const demoApps = [['douyin', 'ttsandbox000000001', nodeTt], ['qq', '1109000001', nodeQq], ['alipay', '2021000000000001', nodeMy]];
  for (const [name, appid, make] of demoApps) {
    test(`${name}: login() gets tokens for a new user of that platform, and me() shows the platform`, async () => {
      const phone = make({ sandboxUrl: service.sandboxUrl, user: newUser() });
      const client = createClient({ baseUrl: service.baseUrl, wx: phone.api, platform: name, appid });

      const result = await client.login();
      const state = client.getState();
      const me = await client.me();

      assert.equal(result.newUser, true);
      assert.ok(state.accessToken && state.refreshToken, 'the login state holds both tokens');
      assert.equal(state.user.platform, name);
      assert.equal(state.user.appid, appid);
      assert.equal(me.id, state.user.id);
      assert.equal(me.platform, name);
      const claims = JSON.parse(Buffer.from(state.accessToken.split('.')[1], 'base64url').toString('utf8'));
      assert.equal(claims.plt, name, 'the access token carries the platform');
    });
  }

  test('douyin: a user not logged in to Douyin (an anonymous code alone) is refused with DOUYIN_LOGIN_REQUIRED', async () => {
    const phone = nodeTt({ sandboxUrl: service.sandboxUrl, user: newUser() });
    phone.state.hostLoggedIn = false;
    const client = createClient({ baseUrl: service.baseUrl, wx: phone.api, platform: 'douyin', appid: 'ttsandbox000000001' });

    const { error } = await settled(client.login());

    assert.ok(error instanceof ApiError, String(error));
    assert.equal(error.code, 'DOUYIN_LOGIN_REQUIRED');
    assert.equal(client.getState(), null);
  });
});

describe('with a stored login, on every platform', () => {
  for (const [name, make] of [['douyin', nodeTt], ['qq', nodeQq]]) {
    test(`${name}: me() and logout() reach the service with the token`, async () => {
      const stored = await wechatLoginState();
      const phone = make({ sandboxUrl: platformSandbox.sandboxUrl, user: newUser() });
      phone.storage.set('wxlogin', stored);
      const client = createClient({ baseUrl: service.baseUrl, wx: phone.api, platform: name });

      const me = await client.me();
      await client.logout();

      assert.equal(me.id, stored.user.id);
      assert.deepEqual(phone.state.sent.map((r) => `${r.method} ${r.path} ${r.status}`), ['GET /api/v1/me 200', 'POST /api/v1/logout 204']);
    });
  }
});

describe('createClient', () => {
  test('refuses an unknown platform and compatLogin() off WeChat', () => {
    const phone = nodeQq({ sandboxUrl: 'http://127.0.0.1:9', user: 'nobody' });
    const { compatLogin } = require('..');

    assert.throws(() => createClient({ baseUrl: 'https://login.example.com', wx: phone.api, platform: 'baidu' }), /platform is one of douyin, alipay, qq, wechat/);
    assert.throws(() => createClient({ baseUrl: 'https://login.example.com', wx: phone.api, platform: 'qq', loginEndpoint: compatLogin() }),
      /compatLogin\(\) is WeChat's/);
  });
});
