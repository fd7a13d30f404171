'use strict';

// The sample built with uni-app's CLI for each mini-program platform (npm run build:<platform>), with
// the address of a real wxlogin service (the jar this reactor built, in sandbox mode) compiled in.
// Every build must hold the app in its platform's file types and the SDK in its bundle; the WeChat
// build also runs in Node on the sandbox's simulated phone and logs in against the service.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const CLIENT_TEST_SUPPORT = path.join(__dirname, '..', '..', '..', 'client', 'test', 'support');
const { startService } = require(path.join(CLIENT_TEST_SUPPORT, 'service'));
const { nodeWx } = require(path.join(CLIENT_TEST_SUPPORT, 'node-wx'));
const { launchBuiltApp } = require(path.join(CLIENT_TEST_SUPPORT, 'mini-program'));

const APP = path.join(__dirname, '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** Each target with the extension of its page templates and styles. */
const TARGETS = [
  { platform: 'mp-weixin', template: 'wxml', style: 'wxss' },
  { platform: 'mp-toutiao', template: 'ttml', style: 'ttss' },
  { platform: 'mp-alipay', template: 'axml', style: 'acss' },
  { platform: 'mp-qq', template: 'qml', style: 'qss' }
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

    if (target.platform === 'mp-weixin') {
      test('on a phone, the index page logs in silently and loads the user from the service', async () => {
        const phone = nodeWx({ sandboxUrl: service.sandboxUrl, user: `uni-sample-${process.pid}` });
        const { openPage } = launchBuiltApp(dist, phone.api);

        openPage('pages/index/index');
        for (let waited = 0; !phone.state.sent.some((r) => r.path === '/api/v1/me' && r.status); waited += 50) {
          if (waited > 30000) throw new Error(`the page called no /api/v1/me within 30 s: ${JSON.stringify(phone.state.sent)}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }

        assert.deepEqual(phone.state.sent.map((r) => `${r.method} ${r.path} ${r.status}`), ['POST /api/v1/login 200', 'GET /api/v1/me 200']);
        assert.deepEqual(JSON.parse(phone.state.sent[0].body), { code: phone.state.codes[0] });
        assert.match(phone.storage.get('wxlogin').accessToken, /^ey/);
      });
    }
  });
}
