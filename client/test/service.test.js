'use strict';

// The SDK against the real service in sandbox mode (default settings, so the refresh grace window
// is on): every test drives the SDK through a Node `wx` object that really talks HTTP.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');

const { createClient, compatLogin, ApiError, AuthLostError, NetworkError } = require('..');
const { startService, sandboxPost } = require('./support/service');
const { nodeWx } = require('./support/node-wx');
const { writeTinyPng } = require('./support/fixtures');

let service;
let users = 0;

/** A phone of a new simulated person, with a client on it. */
function newPhone(options = {}) {
  const user = options.user || `person-${process.pid}-${++users}`;
  const phone = nodeWx({ sandboxUrl: service.sandboxUrl, user, storage: options.storage, profile: options.profile, shape: options.shape });
  const lost = [];
  const client = createClient({
    baseUrl: service.baseUrl, wx: phone.api, onAuthLost: (e) => lost.push(e), ...options.client
  });
  return { user, phone, client, lost };
}

const refreshes = (phone) => phone.state.sent.filter((r) => r.path === '/api/v1/token/refresh');

function expireStoredToken(phone) {
  const stored = phone.storage.get('wxlogin');
  phone.storage.set('wxlogin', { ...stored, expiresAt: Date.now() - 1000 });
}

/**
 * A phone logged in whose access token is due, after the same person's other device logged out everywhere:
 * its next request meets a refresh token whose family is revoked.
 */
async function withFamilyRevokedElsewhere() {
  const a = newPhone();
  const other = newPhone({ user: a.user });
  await a.client.login();
  await other.client.login();
  await other.client.logout({ all: true });
  expireStoredToken(a.phone);
  return a;
}

before(async () => {
  service = await startService();
});

after(async () => {
  if (service) await service.stop();
});

describe('login', () => {
  test('the first launch logs in silently and stores one object under the storage key', async () => {
    const { phone, client } = newPhone();
    const changes = [];
    client.on('change', (state) => changes.push(state));

    const res = await client.request({ url: '/api/v1/me', method: 'GET' });

    assert.equal(res.statusCode, 200);
    assert.equal(phone.state.codes.length, 1);
    const stored = phone.storage.get('wxlogin');
    assert.deepEqual(Object.keys(stored).sort(), ['accessToken', 'expiresAt', 'refreshToken', 'user']);
    assert.ok(stored.expiresAt > Date.now());
    assert.equal(stored.user.openid, res.data.openid);
    assert.equal(changes.length, 1);
    assert.equal(changes[0].accessToken, stored.accessToken);
  });

  test('concurrent first calls share one login', async () => {
    const { phone, client } = newPhone();

    const answers = await Promise.all(Array.from({ length: 5 }, () => client.request({ url: '/api/v1/me' })));

    assert.deepEqual(answers.map((a) => a.statusCode), [200, 200, 200, 200, 200]);
    assert.equal(phone.state.codes.length, 1);
    assert.equal(phone.state.sent.filter((r) => r.path === '/api/v1/login').length, 1);
  });

  test('a refused code is retried once with a fresh wx.login() code, never the same one', async () => {
    const { phone, client } = newPhone();
    await sandboxPost(service.sandboxUrl, '/sandbox/faults', { api: 'jscode2session', kind: 'ERRCODE', errcode: 40029, times: 1 });

    const result = await client.login();

    assert.ok(result.user.id);
    assert.equal(phone.state.codes.length, 2);
    assert.notEqual(phone.state.codes[0], phone.state.codes[1]);
  });

  test('the appid is sent as X-WxLogin-AppId, and an app the service does not serve is refused', async () => {
    const first = newPhone();
    const { user } = await first.client.login();
    const right = newPhone({ user: first.user, client: { appid: user.appid } });
    const wrong = newPhone({ client: { appid: 'wxnotserved0000001' } });

    await right.client.login();
    await assert.rejects(wrong.client.login(), (e) => e instanceof ApiError && e.code === 'APP_UNKNOWN' && e.status === 400);

    const sentAppIds = right.phone.state.sent.map((r) => r.header['X-WxLogin-AppId']);
    assert.deepEqual(sentAppIds, [user.appid]);
    assert.equal(right.phone.storage.get('wxlogin').user.id, user.id);
  });
});

describe('refresh', () => {
  test('ten concurrent requests with an expired access token cause exactly one refresh, and all succeed', async () => {
    const { phone, client } = newPhone();
    await client.login();
    const before = phone.storage.get('wxlogin');
    expireStoredToken(phone);

    const answers = await Promise.all(Array.from({ length: 10 }, () => client.request({ url: '/api/v1/me' })));

    assert.deepEqual(answers.map((a) => a.statusCode), Array(10).fill(200));
    assert.equal(refreshes(phone).length, 1);
    assert.equal(phone.state.codes.length, 1);
    assert.notEqual(phone.storage.get('wxlogin').refreshToken, before.refreshToken);
  });

  test('a 401 for a token the device clock thinks valid refreshes once for all, then each retries once', async () => {
    const { phone, client } = newPhone();
    await client.login();
    const stored = phone.storage.get('wxlogin');
    const [h, p] = stored.accessToken.split('.');
    phone.storage.set('wxlogin', { ...stored, accessToken: `${h}.${p}.forged-signature`, expiresAt: Date.now() + 3600000 });

    const answers = await Promise.all(Array.from({ length: 10 }, () => client.request({ url: '/api/v1/me' })));

    assert.deepEqual(answers.map((a) => a.statusCode), Array(10).fill(200));
    assert.equal(refreshes(phone).length, 1);
    const mes = phone.state.sent.filter((r) => r.path === '/api/v1/me');
    // At most 8 leave at once: only those meet the forged token, the rest wait for the refresh.
    const refused = mes.filter((r) => r.status === 401).length;
    assert.ok(refused >= 1 && refused <= 8, `refused ${refused}`);
    assert.equal(mes.filter((r) => r.status === 200).length, 10);
  });

  test('two clients sharing one storage refreshing at once both stay logged in (needs the refresh grace window)', async () => {
    const storage = new Map();
    const a = newPhone({ storage });
    const b = newPhone({ storage, user: a.user });
    await a.client.login();
    expireStoredToken(a.phone);

    const [ra, rb] = await Promise.all([a.client.request({ url: '/api/v1/me' }), b.client.request({ url: '/api/v1/me' })]);

    assert.equal(ra.statusCode, 200);
    assert.equal(rb.statusCode, 200);
    assert.deepEqual([...refreshes(a.phone), ...refreshes(b.phone)].map((r) => r.status), [200, 200]);
    // The stored refresh token is alive: the next refresh needs no new login on either client.
    await a.client.refresh();
    await b.client.refresh();
    assert.equal(a.phone.state.codes.length + b.phone.state.codes.length, 1);
    assert.equal(a.lost.length + b.lost.length, 0);
  });

  test('a lost refresh answer within the grace window is recovered without a new login (needs the grace window)', async () => {
    const { phone, client, lost } = newPhone();
    await client.login();
    expireStoredToken(phone);
    phone.state.loseAnswerOnce = (params) => params.url.endsWith('/api/v1/token/refresh');

    const stored = phone.storage.get('wxlogin');
    // The refresh is lost; the access token is still good at the service, which has the last word.
    assert.equal((await client.request({ url: '/api/v1/me' })).statusCode, 200);
    assert.equal(phone.storage.get('wxlogin').refreshToken, stored.refreshToken);
    const res = await client.request({ url: '/api/v1/me' });

    assert.equal(res.statusCode, 200);
    assert.deepEqual(refreshes(phone).map((r) => [r.status, !!r.lost]), [[200, true], [200, false]]);
    assert.equal(phone.state.codes.length, 1);
    assert.equal(lost.length, 0);
  });

  test('a family revoked by logout({all:true}) on another device is recovered by a silent re-login', async () => {
    const a = await withFamilyRevokedElsewhere();

    const res = await a.client.request({ url: '/api/v1/me' });

    assert.equal(res.statusCode, 200);
    assert.deepEqual(refreshes(a.phone).map((r) => r.status), [401]);
    assert.equal(a.phone.state.codes.length, 2);
    assert.notEqual(a.phone.state.codes[0], a.phone.state.codes[1]);
    assert.equal(a.lost.length, 0);
  });

  test('a revoked family whose silent re-login is refused too ends in onAuthLost exactly once', async () => {
    const a = await withFamilyRevokedElsewhere();
    await sandboxPost(service.sandboxUrl, '/sandbox/faults', { api: 'jscode2session', kind: 'ERRCODE', errcode: 40226, times: 1 });

    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => a.client.request({ url: '/api/v1/me' })));

    for (const outcome of outcomes) {
      assert.equal(outcome.status, 'rejected');
      assert.ok(outcome.reason instanceof AuthLostError);
      assert.equal(outcome.reason.code, 'WX_USER_BLOCKED');
    }
    assert.equal(a.lost.length, 1);
    assert.equal(a.lost[0].code, 'WX_USER_BLOCKED');
    assert.equal(a.phone.storage.has('wxlogin'), false);
    assert.deepEqual(refreshes(a.phone).map((r) => r.status), [401]);
  });

  test('a login ended by a logout with one of its older refresh tokens is recovered by a silent re-login', async () => {
    const { phone, client, lost } = newPhone();
    await client.login();
    const older = phone.storage.get('wxlogin').refreshToken;
    await client.refresh();
    // Whoever holds an older token of this login ends the whole family with it.
    await fetch(`${service.baseUrl}/api/v1/logout`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken: older })
    });
    expireStoredToken(phone);

    const res = await client.request({ url: '/api/v1/me' });

    assert.equal(res.statusCode, 200);
    assert.deepEqual(refreshes(phone).map((r) => r.status), [200, 401]);
    assert.equal(phone.state.codes.length, 2);
    assert.equal(lost.length, 0);
  });
});

describe('offline and background', () => {
  test('a network failure rejects with NetworkError and keeps the tokens', async () => {
    const { phone, client, lost } = newPhone();
    await client.login();
    const stored = phone.storage.get('wxlogin');
    phone.state.network = 'down';

    await assert.rejects(client.request({ url: '/api/v1/me' }), (e) => e instanceof NetworkError && e.code === 'NETWORK_ERROR');
    expireStoredToken(phone);
    await assert.rejects(client.request({ url: '/api/v1/me' }), NetworkError);
    await assert.rejects(client.refresh(), NetworkError);

    assert.equal(phone.storage.get('wxlogin').refreshToken, stored.refreshToken);
    assert.equal(lost.length, 0);
    phone.state.network = 'up';
    assert.equal((await client.request({ url: '/api/v1/me' })).statusCode, 200);
    assert.equal(phone.state.codes.length, 1);
  });

  test('an answer lost because the app went to the background ("interrupted") keeps the user logged in', async () => {
    const { phone, client, lost } = newPhone();
    await client.login();
    const stored = phone.storage.get('wxlogin');
    phone.state.loseAnswerOnce = (params) => params.url.endsWith('/api/v1/me');

    await assert.rejects(client.request({ url: '/api/v1/me' }), (e) => e instanceof NetworkError && e.interrupted);

    assert.deepEqual(phone.storage.get('wxlogin'), stored);
    assert.equal((await client.request({ url: '/api/v1/me' })).statusCode, 200);
    assert.equal(lost.length, 0);
  });
});

describe('the account', () => {
  test('avatar upload stores a real PNG that is served back, and updates the stored user', async () => {
    const { phone, client } = newPhone();
    const png = writeTinyPng();

    const user = await client.uploadAvatar(png.file);

    assert.match(user.avatarUrl, /^\/avatars\/.+\.png$/);
    const served = await fetch(service.baseUrl + user.avatarUrl);
    assert.equal(served.status, 200);
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), png.bytes);
    assert.equal(phone.storage.get('wxlogin').user.avatarUrl, user.avatarUrl);
  });

  test('a file that is not an image is refused with its error code', async () => {
    const { client } = newPhone();
    const png = writeTinyPng();
    fs.writeFileSync(png.file, 'not an image');

    await assert.rejects(client.uploadAvatar(png.file), (e) => e instanceof ApiError && e.code === 'AVATAR_UNSUPPORTED_TYPE' && e.status === 415);
  });

  test('nickname and profile fields are changed by updateMe and read back by me()', async () => {
    const { phone, client } = newPhone();

    const updated = await client.updateMe({ nickname: '小明', gender: 1, city: 'Hangzhou' });
    const me = await client.me();

    assert.equal(updated.nickname, '小明');
    assert.equal(me.nickname, '小明');
    assert.equal(me.gender, 1);
    assert.equal(me.city, 'Hangzhou');
    assert.equal(phone.storage.get('wxlogin').user.nickname, '小明');
    await assert.rejects(client.updateMe({ gender: 7 }), (e) => e instanceof ApiError && e.code === 'INVALID_FIELD' && e.status === 400 && !!e.messageZh);
  });

  test('a phone code from the getPhoneNumber button binds the number, masked', async () => {
    const { user, phone, client } = newPhone();
    await client.login();
    const { code } = await sandboxPost(service.sandboxUrl, '/sandbox/phone/phonecode', { user, phoneNumber: '13812345678' });

    const bound = await client.bindPhone(code);

    assert.equal(bound.phoneNumber, '138****5678');
    assert.equal(bound.masked, true);
    assert.equal((await client.me()).phone.phoneNumber, '138****5678');
    assert.equal(phone.storage.get('wxlogin').user.phone.phoneNumber, '138****5678');
    await assert.rejects(client.bindPhone('not-a-code'), (e) => e instanceof ApiError && e.code === 'WX_PHONE_CODE_INVALID');
  });

  test('checkWxSession says valid, and stale once the phone called wx.login() elsewhere', async () => {
    const { user, client } = newPhone();
    await client.login();

    assert.deepEqual(await client.checkWxSession(), { valid: true });
    await sandboxPost(service.sandboxUrl, '/sandbox/phone/login', { user });
    assert.deepEqual(await client.checkWxSession(), { valid: false, code: 'WX_SESSION_KEY_STALE' });
    await client.login();
    assert.deepEqual(await client.checkWxSession(), { valid: true });
  });

  test('logout revokes the refresh token on the service and clears the storage', async () => {
    const { phone, client } = newPhone();
    const changes = [];
    await client.login();
    const { refreshToken } = phone.storage.get('wxlogin');
    client.on('change', (s) => changes.push(s));

    assert.deepEqual(await client.logout(), { revoked: true });

    assert.deepEqual(phone.storage.get('wxlogin'), { loggedOut: true });
    assert.deepEqual(changes, [null]);
    const res = await fetch(`${service.baseUrl}/api/v1/token/refresh`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken })
    });
    assert.equal(res.status, 401);
    assert.equal((await res.json()).code, 'REFRESH_TOKEN_INVALID');
  });

  test('logout while offline still ends the login here and says the service was not told', async () => {
    const { phone, client } = newPhone();
    await client.login();
    phone.state.network = 'down';

    assert.deepEqual(await client.logout(), { revoked: false });
    assert.deepEqual(phone.storage.get('wxlogin'), { loggedOut: true });
  });
});

describe('other platforms and endpoints', () => {
  test('the same SDK runs on a uni-shaped object (uni.request, uni.uploadFile, Title-Case headers)', async () => {
    const { phone, client } = newPhone({ shape: 'uni' });
    const png = writeTinyPng();

    const res = await client.request({ url: '/api/v1/me' });
    const user = await client.uploadAvatar(png.file);
    const renamed = await client.updateMe({ nickname: 'uni user' });

    assert.equal(res.statusCode, 200);
    assert.ok(res.header['Content-Type']);
    assert.match(user.avatarUrl, /^\/avatars\//);
    assert.equal(renamed.nickname, 'uni user');
    assert.equal(phone.state.codes.length, 1);
  });

  test('the compatible /user/wxlogin adapter logs in with the encrypted user info of that attempt', async () => {
    const { phone, client } = newPhone({
      profile: { nickName: 'Alice', gender: 2, city: 'Shenzhen' },
      client: { loginEndpoint: compatLogin({ withUserInfo: true }) }
    });

    const result = await client.login();
    const me = await client.me();

    assert.equal(result.userinfo.nickName, 'Alice');
    assert.equal(result.userinfo.openId, me.openid);
    assert.ok(result.userinfo.watermark, 'the decrypted user info, watermark included');
    assert.equal(me.nickname, 'Alice');
    assert.deepEqual(phone.state.sent.filter((r) => r.method === 'POST').map((r) => r.path), ['/user/wxlogin']);
  });

  test('the compatible adapter surfaces that endpoint\'s error shape as the same typed error', async () => {
    const { client } = newPhone({ client: { loginEndpoint: compatLogin() } });
    await sandboxPost(service.sandboxUrl, '/sandbox/faults', { api: 'jscode2session', kind: 'ERRCODE', errcode: 40226, times: 1 });

    await assert.rejects(client.login(), (e) => e instanceof ApiError && e.code === 'WX_USER_BLOCKED' && e.status === 403);
  });

  test('tokens are never sent to another host', async () => {
    const { phone, client } = newPhone();
    await client.login();
    const elsewhere = service.baseUrl.replace('127.0.0.1', 'localhost');

    const res = await client.request({ url: `${elsewhere}/api/v1/me` });

    assert.equal(res.statusCode, 401);
    const sent = phone.state.sent[phone.state.sent.length - 1];
    assert.equal(Object.keys(sent.header).some((k) => k.toLowerCase() === 'authorization'), false);
  });
});

describe('typings against the OpenAPI document', () => {
  const { checkTypingsAgainst } = require('./support/typings');

  test('every response interface of index.d.ts with a schema of its name has the schema\'s properties', async () => {
    const doc = await (await fetch(`${service.baseUrl}/v3/api-docs`)).json();

    const report = checkTypingsAgainst(doc.components.schemas);

    for (const line of report.lines) console.log(`typings: ${line}`);
    assert.deepEqual(report.mismatches, []);
    // These schemas exist in the service today; the check must have compared them.
    for (const name of ['UserView', 'PhoneView', 'TokenPair', 'LoginResponse', 'LegacyLoginResponse', 'SessionResponse',
      'ScanAnswer', 'ConfirmAnswer', 'ClientInfo', 'ScopeInfo']) {
      assert.ok(report.compared.includes(name), `${name} was compared`);
    }
  });

  test('the error codes of lib/error-codes.js and index.d.ts are those of the running service (else: npm run gen:error-codes)', async () => {
    const { generatedFiles } = require('../scripts/error-codes');
    const doc = await (await fetch(`${service.baseUrl}/v3/api-docs`)).json();

    for (const [file, expected] of Object.entries(generatedFiles(doc))) {
      assert.equal(fs.readFileSync(file, 'utf8'), expected, `${file} drifted from the service's OpenAPI document: run npm run gen:error-codes`);
    }
  });
});
