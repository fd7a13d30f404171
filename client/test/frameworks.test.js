'use strict';

// A Taro 4 (React) app that uses the SDK, under frameworks/, installed from its lock file with the SDK
// as `npm pack` publishes it, and built for WeChat (weapp) with Taro's CLI. Its built page runs in Node
// on the Node `wx` against the real service: on load, the page logs in, calls the service, logs out and
// calls again (frameworks/taro/src/check.js). uni-app is built and run by its sample's tests
// (examples/uni-app), for all four platforms, network up and down.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const { startService } = require('./support/service');
const { nodeWx } = require('./support/node-wx');
const { launchBuiltApp } = require('./support/mini-program');
const { CLIENT, prepare, build } = require('./support/frameworks');

const REPORT_KEY = 'wxlogin-check-report';
const FRAMEWORKS = [
  { name: 'Taro 4 (React, weapp)', dir: 'taro', dist: 'dist' }
];

let service;
let users = 0;
const unhandled = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason));

before(async () => {
  service = await startService();
});

after(async () => {
  if (service) await service.stop();
});

/** Opens the built index page on a new phone and resolves what its check reported. */
async function openIndexPage(distDir, prepareNetwork) {
  const phone = nodeWx({ sandboxUrl: service.sandboxUrl, user: `framework-${process.pid}-${++users}` });
  if (prepareNetwork) prepareNetwork(phone);
  const { openPage } = launchBuiltApp(distDir, phone.api);
  openPage('pages/index/index');
  for (let waited = 0; !phone.storage.has(REPORT_KEY); waited += 50) {
    if (waited > 30000) throw new Error('the page reported nothing within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // Anything the page left running would have rejected by now.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const outcome = {};
  for (const step of phone.storage.get(REPORT_KEY)) outcome[step.name] = step.ok ? step.value : step.code;
  return { phone, outcome };
}

for (const framework of FRAMEWORKS) {
  describe(framework.name, () => {
    const appDir = path.join(CLIENT, 'frameworks', framework.dir);
    const distDir = path.join(appDir, framework.dist);

    before(() => {
      prepare(appDir);
      build(appDir, service.baseUrl);
    });

    test('the built page logs in, calls the service with the token, logs out, and is refused afterwards', async () => {
      unhandled.length = 0;

      const { phone, outcome } = await openIndexPage(distDir);

      assert.equal(typeof outcome.login, 'number');
      assert.deepEqual({ ...outcome, login: 'user id' }, { login: 'user id', request: 200, logout: true, afterLogout: 'LOGGED_OUT' });
      assert.deepEqual(phone.state.sent.map((r) => `${r.method} ${r.path} ${r.status}`),
        ['POST /api/v1/login 200', 'GET /api/v1/me 200', 'POST /api/v1/logout 204']);
      assert.match(phone.state.sent[1].header.Authorization, /^Bearer ey/);
      assert.deepEqual(unhandled, []);
    });

    test('with the network down every step fails with its code and nothing rejects unhandled', async () => {
      unhandled.length = 0;

      const { outcome } = await openIndexPage(distDir, (phone) => {
        phone.state.network = 'down';
      });

      assert.deepEqual(outcome, { login: 'NETWORK_ERROR', request: 'NETWORK_ERROR', logout: false, afterLogout: 'LOGGED_OUT' });
      assert.deepEqual(unhandled, []);
    });
  });
}
