'use strict';

// Signing in to a website by scanning its code (issue 11), the mini program's half against the real
// service: a browser asks for a ticket, a phone scans it through the SDK and approves or denies it.
// Expiry is tested on the server, where its clock can be moved.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');

const { createClient, ApiError } = require('..');
const { startService, sandboxPost } = require('./support/service');
const { nodeWx } = require('./support/node-wx');

/** The website of these tests: a confidential OIDC client, configured as an operator would. */
const WEBSITE = {
  clientId: 'sdk-test-website', secret: 'sdk-test-website-secret', name: 'SDK test website',
  redirectUris: ['http://127.0.0.1:9/callback'], scopes: ['openid', 'profile']
};

let service;
let users = 0;

before(async () => {
  service = await startService({ SPRING_APPLICATION_JSON: JSON.stringify({ wxlogin: { oidc: { clients: [WEBSITE] } } }) });
});

after(async () => {
  if (service) await service.stop();
});

/** Whether the running service has the contract's endpoints (the server side of issue 11 is on another branch). */
/**
 * What the browser does: starts the website's authorization request (code + PKCE), follows the
 * redirects with its cookies to the scan page, and reads the ticket from the page's
 * /login/scan/{ticket}/... URLs. Resolves `{ ticket, clientId }`. Written against the provider's
 * branch while it was in progress: if the scan page changed, this is the one place to adapt.
 */
async function createBrowserTicket() {
  const verifier = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
  const challenge = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))).toString('base64url');
  const query = new URLSearchParams({
    response_type: 'code', client_id: WEBSITE.clientId, redirect_uri: WEBSITE.redirectUris[0], scope: WEBSITE.scopes.join(' '),
    state: 'sdk-test', code_challenge: challenge, code_challenge_method: 'S256'
  });
  const cookies = new Map();
  let url = `${service.baseUrl}/oauth2/authorize?${query}`;
  for (let hop = 0; hop < 5; hop++) {
    const res = await fetch(url, {
      redirect: 'manual', headers: { Accept: 'text/html', Cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') }
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location'), url).toString();
      continue;
    }
    const page = await res.text();
    const found = page.match(/\/login\/scan\/([A-Za-z0-9_-]{22})\//);
    assert.ok(found, `the scan page (${res.status} at ${url}) names no /login/scan/{ticket}/ URL: adapt createBrowserTicket`);
    return { ticket: found[1], clientId: WEBSITE.clientId };
  }
  throw new Error(`no scan page after 5 redirects, last at ${url}`);
}

/** The phone's camera on the scan page's code (the sandbox reads the QR code): what WeChat opens, `{ page, scene }`. */
async function scanCodeOf(ticket) {
  const image = await fetch(`${service.baseUrl}/login/scan/${ticket}/code.png`);
  assert.equal(image.status, 200);
  return sandboxPost(service.sandboxUrl, '/sandbox/phone/scan', { image: Buffer.from(await image.arrayBuffer()).toString('base64') });
}

function newPhone() {
  const phone = nodeWx({ sandboxUrl: service.sandboxUrl, user: `scanner-${process.pid}-${++users}` });
  const lost = [];
  const client = createClient({ baseUrl: service.baseUrl, wx: phone.api, onAuthLost: (e) => lost.push(e) });
  return { phone, client, lost };
}

const refusedAs = (code, status) => (e) => e instanceof ApiError && e.code === code && e.status === status && !!e.messageZh;

test('web sign-in by scanning (issue 11)', async (t) => {
  await t.test('a phone that was never logged in scans the code, sees the client and scopes, approves: APPROVED, once', async () => {
    const { phone, client, lost } = newPhone();
    const { ticket, clientId } = await createBrowserTicket();
    const opened = await scanCodeOf(ticket);
    assert.equal(opened.page, 'pages/web-login/confirm');

    const scan = await client.scanTicket(opened.scene);

    assert.equal(scan.ticket, ticket);
    assert.equal(scan.status, 'SCANNED');
    // The website as registered, and where it sends the user; the browser that asks, as the phone should show it.
    assert.deepEqual(scan.client, { clientId, name: WEBSITE.name, redirectHost: '127.0.0.1' });
    assert.equal(scan.requester.address, '127.0.0.*');
    assert.equal(typeof scan.requester.browser, 'string');
    assert.equal(typeof scan.requester.os, 'string');
    assert.ok(Date.parse(scan.requester.requestedAt) > 0);
    assert.equal(scan.requester.sameNetwork, true, 'the test\'s browser and phone are both on 127.0.0.1');
    assert.ok(scan.scopes.length > 0 && scan.scopes.every((s) => s.scope && s.description));
    assert.ok(Date.parse(scan.expiresAt) > 0);
    assert.equal(phone.state.codes.length, 1, 'the scan logged in first');
    assert.deepEqual(await client.confirmWebLogin(ticket, { approve: true }), { status: 'APPROVED' });
    await assert.rejects(client.confirmWebLogin(ticket, { approve: true }), refusedAs('WEB_LOGIN_TICKET_USED', 409));
    await assert.rejects(client.scanTicket(ticket), refusedAs('WEB_LOGIN_TICKET_USED', 409));
    assert.equal(lost.length, 0);
  });

  await t.test('a denied ticket is DENIED and cannot be approved afterwards', async () => {
    const { client } = newPhone();
    const { ticket } = await createBrowserTicket();
    await client.scanTicket(ticket);

    assert.deepEqual(await client.confirmWebLogin(ticket, { approve: false }), { status: 'DENIED' });
    await assert.rejects(client.confirmWebLogin(ticket, { approve: true }), refusedAs('WEB_LOGIN_TICKET_USED', 409));
  });

  await t.test('a ticket the service never issued is WEB_LOGIN_TICKET_UNKNOWN', async () => {
    const { client } = newPhone();
    const unknown = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64url');

    await assert.rejects(client.scanTicket(unknown), refusedAs('WEB_LOGIN_TICKET_UNKNOWN', 404));
    await assert.rejects(client.confirmWebLogin(unknown, { approve: true }), refusedAs('WEB_LOGIN_TICKET_UNKNOWN', 404));
  });

  await t.test('a ticket another user scanned is WEB_LOGIN_TICKET_OTHER_USER for this one, to scan or to confirm', async () => {
    const first = newPhone();
    const second = newPhone();
    const { ticket } = await createBrowserTicket();
    await first.client.scanTicket(ticket);

    await assert.rejects(second.client.scanTicket(ticket), refusedAs('WEB_LOGIN_TICKET_OTHER_USER', 409));
    await assert.rejects(second.client.confirmWebLogin(ticket, { approve: true }), refusedAs('WEB_LOGIN_TICKET_OTHER_USER', 409));
    assert.deepEqual(await first.client.confirmWebLogin(ticket, { approve: true }), { status: 'APPROVED' });
  });

  await t.test('a scan with an access token the service refuses refreshes once and goes through', async () => {
    const { phone, client } = newPhone();
    await client.login();
    const stored = phone.storage.get('wxlogin');
    const [h, p] = stored.accessToken.split('.');
    phone.storage.set('wxlogin', { ...stored, accessToken: `${h}.${p}.forged-signature` });
    const { ticket } = await createBrowserTicket();

    const scan = await client.scanTicket(ticket);

    assert.equal(scan.status, 'SCANNED');
    const scans = phone.state.sent.filter((r) => r.path === `/api/v1/web-login/${ticket}/scan`);
    assert.deepEqual(scans.map((r) => r.status), [401, 200]);
    assert.equal(phone.state.sent.filter((r) => r.path === '/api/v1/token/refresh').length, 1);
  });
});
