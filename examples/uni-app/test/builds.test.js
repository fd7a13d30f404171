'use strict';

// The sample built with uni-app's CLI for each mini-program platform (npm run build:<platform>), with
// the address of a real wxlogin service (the jar this reactor built, in sandbox mode) compiled in.
// Every build must hold the app in its platform's file types and the SDK in its bundle, and runs in
// Node as its platform's base library would run it (client/test/support/mini-program.js: wx, tt, my or
// qq set to a Node stand-in of that platform's object, over real HTTP, with codes from the service's
// sandbox's simulated phone of that platform): its page logs in, shows the user, and logs out.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const CLIENT_TEST_SUPPORT = path.join(__dirname, '..', '..', '..', 'client', 'test', 'support');
const { startService } = require(path.join(CLIENT_TEST_SUPPORT, 'service'));
const { nodeWx } = require(path.join(CLIENT_TEST_SUPPORT, 'node-wx'));
const { nodeTt, nodeQq, nodeMy } = require(path.join(CLIENT_TEST_SUPPORT, 'platform-fakes'));
const { launchBuiltApp } = require(path.join(CLIENT_TEST_SUPPORT, 'mini-program'));

const APP = path.join(__dirname, '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/**
 * Each target with the extension of its page templates and styles, the Node platform object its build
 * runs on (the platform's own API shapes, over real HTTP, codes from the sandbox's simulated phone),
 * the login body the SDK sends there, and the platform the service records.
 */
const TARGETS = [
  { platform: 'mp-weixin', template: 'wxml', style: 'wxss', phone: nodeWx, service: 'wechat', loginBody: (s) => ({ code: s.codes[0] }) },
  {
    platform: 'mp-toutiao', template: 'ttml', style: 'ttss', phone: nodeTt, service: 'douyin',
    loginBody: (s) => ({ platform: 'douyin', code: s.phoneLogins[0].code, anonymousCode: s.phoneLogins[0].anonymousCode })
  },
  { platform: 'mp-alipay', template: 'axml', style: 'acss', phone: nodeMy, service: 'alipay', loginBody: (s) => ({ platform: 'alipay', authCode: s.authCodes[0] }) },
  { platform: 'mp-qq', template: 'qml', style: 'qss', phone: nodeQq, service: 'qq', loginBody: (s) => ({ platform: 'qq', code: s.codes[0] }) }
];
/** A message only the SDK's createClient holds: the bundle carries the SDK, not a stub. */
const SDK_MARK = 'createClient: baseUrl must be an http(s) URL';

let service;

before(async () => {
  service = await startService();
});

after(async () => {
  if (service) await service.stop();
});

function build(platform) {
  try {
    execFileSync(NPM, ['run', `build:${platform}`], {
      cwd: APP, env: { ...process.env, WXLOGIN_BASE_URL: service.baseUrl }, stdio: 'pipe', maxBuffer: 64 * 1024 * 1024
    });
  } catch (e) {
    throw new Error(`npm run build:${platform} failed:\n${String(e.stdout || '').slice(-3000)}\n${String(e.stderr || '').slice(-3000)}`);
  }
  return path.join(APP, 'dist', 'build', platform);
}

/** Waits (up to 30 s) until `done()` holds. */
async function until(done, phone, failure) {
  for (let waited = 0; !done(); waited += 50) {
    if (waited > 30000) throw new Error(`${failure} within 30 s: ${JSON.stringify(phone.state.sent.map((r) => [r.method, r.path, r.status]))}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function filesUnder(dir) {
  return fs.readdirSync(dir, { recursive: true }).map((f) => f.split(path.sep).join('/'));
}

for (const target of TARGETS) {
  describe(`uni-app build for ${target.platform}`, () => {
    let dist;

    before(() => {
      fs.rmSync(path.join(APP, 'dist', 'build', target.platform), { recursive: true, force: true });
      dist = build(target.platform);
    });

    test('holds the app and its page in the platform\'s own file types', () => {
      const files = filesUnder(dist);

      assert.ok(files.includes('app.js'), `app.js in ${files}`);
      assert.ok(files.includes(`pages/index/index.${target.template}`), `pages/index/index.${target.template} in ${files}`);
      assert.ok(files.includes('pages/index/index.js'));
      assert.ok(files.some((f) => f.endsWith(`.${target.style}`)), `a .${target.style} file in ${files}`);
    });

    test('bundles the SDK with the service\'s address compiled in', () => {
      const scripts = filesUnder(dist).filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(path.join(dist, f), 'utf8')).join('\n');

      assert.ok(scripts.includes(SDK_MARK), 'the SDK\'s createClient is in the bundle');
      assert.ok(scripts.includes('/api/v1/login'), 'the SDK\'s login path is in the bundle');
      assert.ok(scripts.includes(service.baseUrl), `the service address ${service.baseUrl} is compiled in`);
    });

    test('on a phone, the index page logs in silently with the platform\'s login, shows the user from the service, and logs out', async () => {
      const phone = target.phone({ sandboxUrl: service.sandboxUrl, user: `uni-sample-${target.platform}-${process.pid}` });
      const { openPage } = launchBuiltApp(dist, phone.api, { target: target.platform });

      const page = openPage('pages/index/index');
      await until(() => phone.state.sent.some((r) => r.path === '/api/v1/me' && r.status) && page.data.a, phone, 'the page showed no user from GET /api/v1/me');

      assert.deepEqual(phone.state.sent.map((r) => `${r.method} ${r.path} ${r.status}`), ['POST /api/v1/login 200', 'GET /api/v1/me 200']);
      assert.deepEqual(JSON.parse(phone.state.sent[0].body), target.loginBody(phone.state));
      const stored = phone.storage.get('wxlogin');
      assert.match(stored.accessToken, /^ey/);
      // The page's data as uni renders it (pages/index/index.<template>): a = user, b = the user's line, g = 登录/退出 handler.
      assert.equal(page.data.a.id, stored.user.id);
      assert.equal(page.data.a.platform, target.service);
      assert.equal(page.data.b, `用户 ${stored.user.id}`);

      // 退出登录: the button's tap, as the platform delivers it to the handler the template names.
      page[page.data.g]({ type: 'tap', timeStamp: Date.now(), detail: {}, target: { dataset: {} }, currentTarget: { dataset: {} } });
      await until(() => phone.state.sent.some((r) => r.path === '/api/v1/logout' && r.status) && page.data.e === true, phone, 'the page did not log out');
      assert.equal(phone.state.sent.at(-1).status, 204, 'POST /api/v1/logout revoked the login');
      assert.ok(!page.data.a, 'the user is no longer shown');
      assert.deepEqual(phone.storage.get('wxlogin'), { loggedOut: true });

      // The next show of the page: the SDK refuses a silent login after a logout (LOGGED_OUT), and sends nothing.
      const sentBefore = phone.state.sent.length;
      const again = openPage('pages/index/index');
      await until(() => again.data.e === true, phone, 'the reopened page did not show 已退出登录');
      assert.ok(!again.data.a && !again.data.c, 'no user, no failure: LOGGED_OUT');
      assert.equal(phone.state.sent.length, sentBefore);
    });

    test('with the network down, the page shows NETWORK_ERROR and rejects nothing unhandled; back online, 登录 logs in; offline again, 退出登录 still logs out here', async () => {
      const unhandled = [];
      const onUnhandled = (reason) => unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      try {
        const phone = target.phone({ sandboxUrl: service.sandboxUrl, user: `uni-sample-offline-${target.platform}-${process.pid}` });
        phone.state.network = 'down';
        const { openPage } = launchBuiltApp(dist, phone.api, { target: target.platform });

        // The page's data as uni renders it: c/d = the failure and its code, h = 登录's handler, g = 退出登录's.
        const page = openPage('pages/index/index');
        await until(() => page.data.c, phone, 'the page showed no failure');
        assert.equal(page.data.d, 'NETWORK_ERROR');
        assert.ok(!page.data.a, 'no user is shown');
        assert.deepEqual(phone.state.sent.map((r) => `${r.method} ${r.path} ${r.status}`), ['POST /api/v1/login undefined']);

        phone.state.network = 'up';
        page[page.data.h](tap());
        await until(() => page.data.a, phone, 'the page showed no user after 登录');
        assert.deepEqual(phone.state.sent.map((r) => `${r.method} ${r.path} ${r.status}`).slice(1), ['POST /api/v1/login 200', 'GET /api/v1/me 200']);
        assert.ok(!page.data.c, 'the failure is gone');

        // Offline, the service cannot be told, but this phone forgets the login and shows it.
        phone.state.network = 'down';
        page[page.data.g](tap());
        await until(() => page.data.e === true, phone, 'the page did not show 已退出登录');
        assert.equal(phone.state.sent.at(-1).path, '/api/v1/logout');
        assert.equal(phone.state.sent.at(-1).status, undefined, 'the logout did not reach the service');
        assert.deepEqual(phone.storage.get('wxlogin'), { loggedOut: true });

        // Anything the page left running would have rejected by now.
        await new Promise((resolve) => setTimeout(resolve, 200));
        assert.deepEqual(unhandled, []);
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
    });
  });
}

/** A tap as the platform delivers it to the handler the template names. */
function tap() {
  return { type: 'tap', timeStamp: Date.now(), detail: {}, target: { dataset: {} }, currentTarget: { dataset: {} } };
}
