'use strict';

// The SDK against a service whose access tokens really expire within the test (3 s, no clock
// skew) and whose refresh grace window is off, so a used refresh token is final at once.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');

const { createClient, NetworkError } = require('..');
const { startService } = require('./support/service');
const { nodeWx } = require('./support/node-wx');

let service;
let users = 0;

before(async () => {
  service = await startService({
    WXLOGIN_ACCESS_TOKEN_TTL: '3s',
    WXLOGIN_TOKEN_CLOCK_SKEW: '0s',
    WXLOGIN_REFRESH_REUSE_GRACE: '0s'
  });
});

after(async () => {
  if (service) await service.stop();
});

function newPhone({ storage, user } = {}) {
  const phone = nodeWx({ sandboxUrl: service.sandboxUrl, user: user || `expiring-${process.pid}-${++users}`, storage });
  const lost = [];
  const client = createClient({ baseUrl: service.baseUrl, wx: phone.api, onAuthLost: (e) => lost.push(e) });
  return { phone, client, lost };
}

const refreshes = (phone) => phone.state.sent.filter((r) => r.path === '/api/v1/token/refresh');

/** Waits until the service itself refuses the token as expired (no clock is asserted). */
async function untilServiceRefuses(accessToken) {
  for (;;) {
    const res = await fetch(`${service.baseUrl}/api/v1/me`, { headers: { Authorization: `Bearer ${accessToken}` } });
    if (res.status === 401) {
      assert.equal((await res.json()).code, 'TOKEN_EXPIRED');
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('ten concurrent requests after the access token really expired cause exactly one refresh, and all succeed', async () => {
  const { phone, client } = newPhone();
  await client.login();
  await untilServiceRefuses(phone.storage.get('wxlogin').accessToken);

  const answers = await Promise.all(Array.from({ length: 10 }, () => client.request({ url: '/api/v1/me' })));

  assert.deepEqual(answers.map((a) => a.statusCode), Array(10).fill(200));
  assert.equal(refreshes(phone).length, 1);
  assert.equal(phone.state.codes.length, 1);
});

test('with the device clock behind, 20 requests meeting TOKEN_EXPIRED cause one refresh and never more than 8 in flight', async () => {
  const storage = new Map();
  const first = newPhone({ storage });
  await first.client.login();
  const stored = storage.get('wxlogin');
  await untilServiceRefuses(stored.accessToken);
  // A client started on this storage whose clock says the token has an hour left.
  storage.set('wxlogin', { ...stored, expiresAt: Date.now() + 3600000 });
  const { phone, client } = newPhone({ storage, user: first.user });

  const answers = await Promise.all(Array.from({ length: 20 }, () => client.request({ url: '/api/v1/me' })));

  assert.deepEqual(answers.map((a) => a.statusCode), Array(20).fill(200));
  assert.equal(refreshes(phone).length, 1);
  assert.ok(phone.state.maxInFlight <= 8, `at most 8 in flight, saw ${phone.state.maxInFlight}`);
  const refused = phone.state.sent.filter((r) => r.path === '/api/v1/me' && r.status === 401).length;
  assert.ok(refused >= 1 && refused <= 8, `only the first wave meets the expired token, saw ${refused}`);
  assert.equal(phone.state.codes.length, 0);
});

test('a lost refresh answer is recovered by a silent re-login with a fresh code', async () => {
  const { phone, client, lost } = newPhone();
  await client.login();
  const stored = phone.storage.get('wxlogin');
  await untilServiceRefuses(stored.accessToken);
  phone.state.loseAnswerOnce = (params) => params.url.endsWith('/api/v1/token/refresh');

  await assert.rejects(client.refresh(), (e) => e instanceof NetworkError && e.interrupted);
  assert.deepEqual(phone.storage.get('wxlogin'), stored, 'a lost answer keeps the state');
  const res = await client.request({ url: '/api/v1/me' });

  assert.equal(res.statusCode, 200);
  // The service rotated on the lost call, so the kept token is a used one: refused, then re-login.
  assert.deepEqual(refreshes(phone).map((r) => r.status), [200, 401]);
  assert.equal(phone.state.codes.length, 2);
  assert.notEqual(phone.state.codes[0], phone.state.codes[1]);
  assert.equal(lost.length, 0);
});
