'use strict';

// Edge cases of the SDK with a scripted platform object: answers the service would rarely give
// on demand (503 on refresh, 429 on re-login), header casing, and what the platform hands back.

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');

const { createClient, headerValue, ApiError, WxCallError, AuthLostError, InvalidSceneError } = require('..');

/** A platform whose request()/uploadFile() answer from `routes` ("POST /path" -> answer or 'fail'). */
function scriptedWx(routes) {
  const storage = new Map();
  const sent = [];
  let codes = 0;
  const answer = (options, kind) => {
    const path = new URL(options.url).pathname;
    const key = `${kind === 'uploadFile' ? 'POST' : (options.method || 'GET')} ${path}`;
    sent.push({ key, header: options.header, data: options.data });
    const route = routes[key];
    const result = typeof route === 'function' ? route(options) : route;
    setImmediate(() => {
      if (!result || result === 'fail') options.fail({ errMsg: `${kind}:fail timeout` });
      else options.success({ header: {}, ...result });
    });
  };
  return {
    storage,
    sent,
    api: {
      login(options) {
        if (routes.login === 'fail') setImmediate(() => options.fail({ errMsg: 'login:fail' }));
        else setImmediate(() => options.success({ code: `code-${++codes}`, errMsg: 'login:ok' }));
      },
      request: (options) => answer(options, 'request'),
      uploadFile: (options) => answer(options, 'uploadFile'),
      getStorageSync: (key) => (storage.has(key) ? structuredClone(storage.get(key)) : ''),
      setStorageSync: (key, value) => storage.set(key, structuredClone(value)),
      removeStorageSync: (key) => storage.delete(key)
    }
  };
}

const tokens = (n, expiresIn = 7200) => ({ accessToken: `at-${n}`, refreshToken: `rt-${n}`, expiresIn, tokenType: 'Bearer' });
const loggedIn = (wx, n = 1, expiresAt = Date.now() + 3600000) =>
  wx.storage.set('wxlogin', { accessToken: `at-${n}`, refreshToken: `rt-${n}`, expiresAt, user: null });

test('our Authorization and X-WxLogin-AppId replace the caller\'s whatever their case; other headers pass', async () => {
  const wx = scriptedWx({ 'GET /api/orders': { statusCode: 200, data: [] } });
  loggedIn(wx);
  const client = createClient({ baseUrl: 'https://svc.test/', wx: wx.api, appid: 'wxapp' });

  await client.request({ url: 'api/orders', header: { authorization: 'Basic x', 'x-wxlogin-appid': 'other', 'X-Trace': '1' } });

  assert.deepEqual(wx.sent[0].header, { 'X-Trace': '1', 'X-WxLogin-AppId': 'wxapp', Authorization: 'Bearer at-1' });
});

test('headerValue finds a header whatever case the platform gave it in', () => {
  assert.equal(headerValue({ 'RETRY-AFTER': '5' }, 'Retry-After'), '5');
  assert.equal(headerValue({ 'retry-after': '5' }, 'RETRY-AFTER'), '5');
  assert.equal(headerValue(undefined, 'x'), undefined);
});

test('uploadFile\'s string body is parsed as JSON, and a body that is not JSON stays a string', async () => {
  const wx = scriptedWx({
    'POST /api/v1/me/avatar': { statusCode: 200, data: '{"id":1,"avatarUrl":"/avatars/a.png"}' },
    'POST /api/files': { statusCode: 200, data: 'plain text' }
  });
  loggedIn(wx);
  const client = createClient({ baseUrl: 'https://svc.test', wx: wx.api });

  const user = await client.uploadAvatar('wxfile://tmp.png');
  const other = await client.uploadFile({ url: '/api/files', filePath: 'wxfile://a', name: 'file' });

  assert.equal(user.avatarUrl, '/avatars/a.png');
  assert.equal(other.data, 'plain text');
});

test('an error status in a Retry-After header of any case becomes ApiError.retryAfter', async () => {
  const wx = scriptedWx({
    'POST /api/v1/login': { statusCode: 429, data: { code: 'RATE_LIMITED', status: 429, message: 'm', messageZh: 'z' }, header: { 'retry-after': '7' } }
  });
  const client = createClient({ baseUrl: 'https://svc.test', wx: wx.api });

  await assert.rejects(client.login(), (e) => e instanceof ApiError && e.code === 'RATE_LIMITED' && e.retryAfter === 7 && e.messageZh === 'z');
});

test('expiresAt is the answer\'s expiresIn on the device clock, less a leeway of at most a tenth of it', async () => {
  const wx = scriptedWx({ 'POST /api/v1/login': { statusCode: 200, data: { user: { id: 1 }, newUser: true, ...tokens(1, 7200) } } });
  const client = createClient({ baseUrl: 'https://svc.test', wx: wx.api });
  const before = Date.now();

  await client.login();

  const { expiresAt } = wx.storage.get('wxlogin');
  assert.ok(expiresAt >= before + (7200 - 60) * 1000 && expiresAt <= Date.now() + (7200 - 60) * 1000);
});

test('a refresh answered 503 keeps the state, rejects with the code, and does not call onAuthLost', async () => {
  const wx = scriptedWx({
    'POST /api/v1/token/refresh': { statusCode: 503, data: { code: 'DATABASE_UNAVAILABLE', status: 503 } }
  });
  loggedIn(wx);
  const lost = [];
  const client = createClient({ baseUrl: 'https://svc.test', wx: wx.api, onAuthLost: (e) => lost.push(e) });

  await assert.rejects(client.refresh(), (e) => e instanceof ApiError && e.code === 'DATABASE_UNAVAILABLE');

  assert.equal(wx.storage.get('wxlogin').refreshToken, 'rt-1');
  assert.equal(lost.length, 0);
});

test('a refused refresh whose re-login meets a rate limit or a failing wx.login() keeps the state', async () => {
  const wx = scriptedWx({
    'POST /api/v1/token/refresh': { statusCode: 401, data: { code: 'REFRESH_TOKEN_INVALID', status: 401 } },
    'POST /api/v1/login': { statusCode: 429, data: { code: 'RATE_LIMITED', status: 429 } }
  });
  loggedIn(wx);
  const lost = [];
  const client = createClient({ baseUrl: 'https://svc.test', wx: wx.api, onAuthLost: (e) => lost.push(e) });

  await assert.rejects(client.refresh(), (e) => e instanceof ApiError && e.code === 'RATE_LIMITED');
  const failingLogin = scriptedWx({ login: 'fail', 'POST /api/v1/token/refresh': { statusCode: 401, data: { code: 'REFRESH_TOKEN_INVALID' } } });
  loggedIn(failingLogin);
  const other = createClient({ baseUrl: 'https://svc.test', wx: failingLogin.api, onAuthLost: (e) => lost.push(e) });
  await assert.rejects(other.refresh(), (e) => e instanceof WxCallError && e.code === 'WX_CALL_FAILED');

  assert.equal(wx.storage.get('wxlogin').refreshToken, 'rt-1');
  assert.equal(failingLogin.storage.get('wxlogin').refreshToken, 'rt-1');
  assert.equal(lost.length, 0);
});

test('USER_DISABLED on refresh ends the state at once, without a re-login', async () => {
  const wx = scriptedWx({ 'POST /api/v1/token/refresh': { statusCode: 403, data: { code: 'USER_DISABLED', status: 403 } } });
  loggedIn(wx);
  const lost = [];
  const client = createClient({ baseUrl: 'https://svc.test', wx: wx.api, onAuthLost: (e) => lost.push(e) });

  await assert.rejects(client.refresh(), (e) => e instanceof AuthLostError && e.code === 'USER_DISABLED');

  assert.equal(wx.storage.has('wxlogin'), false);
  assert.equal(lost.length, 1);
  assert.equal(wx.sent.some((s) => s.key === 'POST /api/v1/login'), false);
});

test('the state is read back on every use: a token another client stored is the one sent next', async () => {
  const wx = scriptedWx({ 'GET /api/v1/me': { statusCode: 200, data: { id: 1 } } });
  loggedIn(wx, 1);
  const client = createClient({ baseUrl: 'https://svc.test', wx: wx.api });
  await client.request({ url: '/api/v1/me' });

  loggedIn(wx, 2);
  await client.request({ url: '/api/v1/me' });

  assert.deepEqual(wx.sent.map((s) => s.header.Authorization), ['Bearer at-1', 'Bearer at-2']);
});

test('a 401 for a token that is no longer the stored one retries with the stored one, without refreshing', async () => {
  let calls = 0;
  const wx = scriptedWx({
    'GET /api/v1/me': (options) => (++calls === 1 ? { statusCode: 401, data: { code: 'TOKEN_EXPIRED' } } : { statusCode: 200, data: { id: 1 } })
  });
  loggedIn(wx, 1);
  const client = createClient({ baseUrl: 'https://svc.test', wx: wx.api });
  // Another client renews while our request is on its way.
  const original = wx.api.request;
  wx.api.request = (options) => {
    if (calls === 0) loggedIn(wx, 2);
    original(options);
  };

  const res = await client.request({ url: '/api/v1/me' });

  assert.equal(res.statusCode, 200);
  assert.deepEqual(wx.sent.map((s) => [s.key, s.header.Authorization]), [['GET /api/v1/me', 'Bearer at-1'], ['GET /api/v1/me', 'Bearer at-2']]);
});

test('updateMe sends POST with X-HTTP-Method-Override: PATCH, since wx.request has no PATCH', async () => {
  const wx = scriptedWx({ 'POST /api/v1/me': { statusCode: 200, data: { id: 1, nickname: 'K' } } });
  loggedIn(wx);
  const client = createClient({ baseUrl: 'https://svc.test', wx: wx.api });

  await client.updateMe({ nickname: 'K' });

  assert.equal(wx.sent[0].header['X-HTTP-Method-Override'], 'PATCH');
  assert.deepEqual(wx.sent[0].data, { nickname: 'K' });
});

test('the package needs nothing but its own files: no Node built-ins or other packages in a mini program', () => {
  const fs = require('node:fs');
  const path = require('node:path');
  const root = path.join(__dirname, '..');
  const sources = ['index.js', ...fs.readdirSync(path.join(root, 'lib')).map((f) => path.join('lib', f))];
  for (const file of sources) {
    const required = [...fs.readFileSync(path.join(root, file), 'utf8').matchAll(/require\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]);
    assert.ok(required.length > 0 || file !== 'index.js');
    for (const name of required) assert.match(name, /^\.\.?\//, `${file} requires ${name}`);
  }
});

describe('signing in to a website by scanning its code', () => {
  const TICKET = 'q-Zx_3vN8aB1cD2eF3gH4i';
  const SCAN = {
    ticket: TICKET, client: { clientId: 'console', name: 'Console' },
    scopes: [{ scope: 'openid', description: 'Your user id' }], expiresAt: '2026-11-28T00:02:00Z', status: 'SCANNED'
  };
  const scanKey = `POST /api/v1/web-login/${TICKET}/scan`;
  const confirmKey = `POST /api/v1/web-login/${TICKET}/confirm`;

  test('scanTicket decodes the URL-encoded scene WeChat passes and posts the ticket\'s scan with the access token', async () => {
    const wx = scriptedWx({ [scanKey]: { statusCode: 200, data: SCAN } });
    loggedIn(wx);
    const client = createClient({ baseUrl: 'https://svc.test', wx: wx.api });
    // WeChat may percent-encode any character of the scene; '-' and '_' arrive as %2D and %5F here.
    const scene = TICKET.replace('-', '%2D').replace('_', '%5F');

    const scan = await client.scanTicket(scene);

    assert.deepEqual(scan, SCAN);
    assert.deepEqual(wx.sent.map((s) => [s.key, s.header.Authorization]), [[scanKey, 'Bearer at-1']]);
  });

  test('scanTicket logs in first when there is no login yet', async () => {
    const wx = scriptedWx({
      'POST /api/v1/login': { statusCode: 200, data: { user: { id: 1 }, newUser: true, ...tokens(1) } },
      [scanKey]: { statusCode: 200, data: SCAN }
    });
    const client = createClient({ baseUrl: 'https://svc.test', wx: wx.api });

    await client.scanTicket(TICKET);

    assert.deepEqual(wx.sent.map((s) => s.key), ['POST /api/v1/login', scanKey]);
    assert.equal(wx.sent[1].header.Authorization, 'Bearer at-1');
  });

  test('a scene that is not a ticket id is refused as WEB_LOGIN_SCENE_INVALID before any request or login', async () => {
    const wx = scriptedWx({});
    const client = createClient({ baseUrl: 'https://svc.test', wx: wx.api });
    const scenes = [
      undefined, '', 'shop=12', TICKET.slice(1), TICKET + 'A', `${TICKET.slice(2)}%3D%3D`, `${TICKET.slice(1)}%2F`,
      '..%2F..%2Fme%2Fphone%3Fx%3D1234', '%E0%A4%A', { scene: TICKET }
    ];

    for (const scene of scenes) {
      await assert.rejects(client.scanTicket(scene),
        (e) => e instanceof InvalidSceneError && e.code === 'WEB_LOGIN_SCENE_INVALID' && e.scene === scene, `scene ${scene}`);
    }

    assert.deepEqual(wx.sent, []);
    assert.equal(wx.storage.has('wxlogin'), false);
  });

  test('confirmWebLogin posts {approve} and resolves the status', async () => {
    const wx = scriptedWx({ [confirmKey]: (options) => ({ statusCode: 200, data: { status: options.data.approve ? 'APPROVED' : 'DENIED' } }) });
    loggedIn(wx);
    const client = createClient({ baseUrl: 'https://svc.test', wx: wx.api });

    assert.deepEqual(await client.confirmWebLogin(TICKET, { approve: true }), { status: 'APPROVED' });
    assert.deepEqual(await client.confirmWebLogin(TICKET, { approve: false }), { status: 'DENIED' });

    assert.deepEqual(wx.sent.map((s) => [s.key, s.data, s.header.Authorization]),
      [[confirmKey, { approve: true }, 'Bearer at-1'], [confirmKey, { approve: false }, 'Bearer at-1']]);
  });

  test('confirmWebLogin without a ticket id or a boolean approve is a programming error and sends nothing', async () => {
    const wx = scriptedWx({});
    loggedIn(wx);
    const client = createClient({ baseUrl: 'https://svc.test', wx: wx.api });

    await assert.rejects(client.confirmWebLogin(encodeURIComponent(`${TICKET.slice(1)}/`), { approve: true }), TypeError);
    await assert.rejects(client.confirmWebLogin(TICKET, { approve: 'yes' }), TypeError);
    await assert.rejects(client.confirmWebLogin(TICKET), TypeError);

    assert.deepEqual(wx.sent, []);
  });

  test('each refusal of a ticket is an ApiError with the contract\'s code and status, from scan and from confirm', async () => {
    const refusals = [
      ['WEB_LOGIN_TICKET_UNKNOWN', 404], ['WEB_LOGIN_TICKET_EXPIRED', 410],
      ['WEB_LOGIN_TICKET_USED', 409], ['WEB_LOGIN_TICKET_OTHER_USER', 409]
    ];
    for (const [code, status] of refusals) {
      const answer = { statusCode: status, data: { code, status, message: code, messageZh: `zh ${code}` } };
      const wx = scriptedWx({ [scanKey]: answer, [confirmKey]: answer });
      loggedIn(wx);
      const client = createClient({ baseUrl: 'https://svc.test', wx: wx.api });
      const refused = (e) => e instanceof ApiError && e.code === code && e.status === status && e.messageZh === `zh ${code}`;

      await assert.rejects(client.scanTicket(TICKET), refused, code);
      await assert.rejects(client.confirmWebLogin(TICKET, { approve: true }), refused, code);

      assert.equal(wx.sent.length, 2, `${code}: an answered refusal is not retried`);
      assert.equal(wx.storage.get('wxlogin').accessToken, 'at-1', `${code}: the login stays`);
    }
  });

  test('a 401 on scan refreshes once and retries the scan with the new access token', async () => {
    const wx = scriptedWx({
      [scanKey]: (options) => (options.header.Authorization === 'Bearer at-2'
        ? { statusCode: 200, data: SCAN }
        : { statusCode: 401, data: { code: 'TOKEN_EXPIRED', status: 401 } }),
      'POST /api/v1/token/refresh': { statusCode: 200, data: tokens(2) }
    });
    loggedIn(wx);
    const client = createClient({ baseUrl: 'https://svc.test', wx: wx.api });

    const scan = await client.scanTicket(TICKET);

    assert.equal(scan.status, 'SCANNED');
    assert.deepEqual(wx.sent.map((s) => [s.key, s.header.Authorization]),
      [[scanKey, 'Bearer at-1'], ['POST /api/v1/token/refresh', undefined], [scanKey, 'Bearer at-2']]);
    assert.deepEqual(wx.sent[1].data, { refreshToken: 'rt-1' });
  });

  test('a 2xx answer without the scan\'s client or the confirm\'s status is INVALID_RESPONSE, not a success', async () => {
    const wx = scriptedWx({ [scanKey]: { statusCode: 200, data: '' }, [confirmKey]: { statusCode: 200, data: {} } });
    loggedIn(wx);
    const client = createClient({ baseUrl: 'https://svc.test', wx: wx.api });

    await assert.rejects(client.scanTicket(TICKET), (e) => e instanceof ApiError && e.code === 'INVALID_RESPONSE' && e.status === 200);
    await assert.rejects(client.confirmWebLogin(TICKET, { approve: true }), (e) => e instanceof ApiError && e.code === 'INVALID_RESPONSE');
  });
});
