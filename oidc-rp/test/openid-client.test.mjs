// A relying party nobody here wrote: panva's openid-client 6 (and jose 6 for a verifier that caches
// the key set) signs users in to the real wxlogin service, as a new integrator's website would,
// from discovery alone. The scan is approved through the sandbox phone and the service's API, as a
// user does in the mini program.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

import * as client from 'openid-client';
import * as jose from 'jose';

const require = createRequire(import.meta.url);
const { startService, sandboxPost } = require('../../client/test/support/service.js');

const CALLBACK = 'http://127.0.0.1:9/callback';
const SIGNED_OUT = 'http://127.0.0.1:9/signed-out';
/** A confidential website (a server-side app with its secret) and a public one (a single-page app, PKCE). */
const WEBSITE = {
  clientId: 'rp-website', secret: 'rp-website-secret-of-some-length', name: 'Stock RP website',
  redirectUris: [CALLBACK], postLogoutRedirectUris: [SIGNED_OUT], scopes: ['openid', 'profile']
};
const SPA = { clientId: 'rp-spa', name: 'Stock RP single-page app', redirectUris: [CALLBACK], scopes: ['openid', 'profile'] };

let service;
let users = 0;

before(async () => {
  service = await startService(({ baseUrl }) => ({
    // The issuer is the URL the client discovers: openid-client checks that they are the same.
    WXLOGIN_TOKEN_ISSUER: baseUrl,
    SPRING_APPLICATION_JSON: JSON.stringify({ wxlogin: { oidc: { clients: [WEBSITE, SPA] } } })
  }));
});

after(async () => {
  if (service) await service.stop();
});

/** The website's view of the provider: discovery, then the client's credentials (http: a test on this machine). */
function discover(clientId, auth) {
  return client.discovery(new URL(service.baseUrl), clientId, undefined, auth, { execute: [client.allowInsecureRequests] });
}

/** A browser with its cookies, following redirects by hand until one leaves the service. */
function browser() {
  const cookies = new Map();
  async function get(url) {
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { Accept: 'text/html', Cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') }
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      if (attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || pair.slice(eq + 1).trim() === '') cookies.delete(name);
      else cookies.set(name, pair.slice(eq + 1).trim());
    }
    return { res, location: res.headers.get('location') && new URL(res.headers.get('location'), url).toString() };
  }
  /** Follows redirects from url while they stay at the service; answers the first answer that is not one, or leaves it. */
  async function follow(url) {
    let current = url;
    for (let hop = 0; hop < 10; hop++) {
      const { res, location } = await get(current);
      if (!location) return { res, url: current, body: await res.text() };
      if (!location.startsWith(service.baseUrl)) return { res, url: current, left: location };
      current = location;
    }
    throw new Error('too many redirects from ' + url);
  }
  return { get, follow };
}

/** A user of the mini program: logged in through the sandbox phone, with a profile. */
async function miniProgramUser() {
  users += 1;
  const phone = await sandboxPost(service.sandboxUrl, '/sandbox/phone/login',
    { user: `rp-user-${process.pid}-${users}`, profile: { nickName: `RP user ${users}` } });
  const res = await fetch(`${service.baseUrl}/api/v1/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: phone.code, encryptedData: phone.encryptedData, iv: phone.iv })
  });
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()).accessToken;
}

async function phoneCall(path, accessToken, body) {
  const res = await fetch(`${service.baseUrl}${path}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` }, body: JSON.stringify(body)
  });
  assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
  return res.json();
}

/**
 * The user's part: the browser opens the authorization URL and lands on the scan page; the phone
 * scans its code and approves; the page completes. Answers the URL the browser is sent back to.
 */
async function signIn(b, authorizationUrl, accessToken) {
  const page = await b.follow(authorizationUrl.toString());
  assert.match(page.url, /\/login\/scan$/, page.body);
  const ticket = /data-ticket="([A-Za-z0-9_-]+)"/.exec(page.body)[1];
  await phoneCall(`/api/v1/web-login/${ticket}/scan`, accessToken, {});
  await phoneCall(`/api/v1/web-login/${ticket}/confirm`, accessToken, { approve: true });
  const back = await b.follow(`${service.baseUrl}/login/scan/${ticket}/complete`);
  assert.ok(back.left && back.left.startsWith(CALLBACK), `not sent back to the website: ${back.res.status} ${back.body}`);
  return new URL(back.left);
}

async function authorizationRequest(config, scope) {
  const verifier = client.randomPKCECodeVerifier();
  const checks = { pkceCodeVerifier: verifier, expectedNonce: client.randomNonce(), expectedState: client.randomState(), idTokenExpected: true };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: CALLBACK, scope, code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    nonce: checks.expectedNonce, state: checks.expectedState
  });
  return { url, checks };
}

test('a confidential website signs in, verifies, reads userinfo, introspects, refreshes, revokes and signs out, all from discovery', async () => {
  const config = await discover(WEBSITE.clientId, client.ClientSecretBasic(WEBSITE.secret));
  const metadata = config.serverMetadata();
  assert.equal(metadata.issuer, service.baseUrl);
  assert.equal(metadata.introspection_endpoint, `${service.baseUrl}/oauth2/website/introspect`);

  // A verifier that caches the key set (jose: no refetch within 30 s), fetched before the first sign-in.
  let jwksFetches = 0;
  const jwks = jose.createRemoteJWKSet(new URL(metadata.jwks_uri), {
    cooldownDuration: 30000,
    [jose.customFetch]: (...args) => {
      jwksFetches += 1;
      return fetch(...args);
    }
  });
  await jwks.reload();
  assert.equal(jwksFetches, 1);

  const b = browser();
  const { url, checks } = await authorizationRequest(config, 'openid profile');
  const callback = await signIn(b, url, await miniProgramUser());
  const tokens = await client.authorizationCodeGrant(config, callback, checks);

  const claims = tokens.claims();
  assert.equal(claims.iss, service.baseUrl);
  assert.equal(claims.aud, WEBSITE.clientId);
  assert.equal(claims.nonce, checks.expectedNonce);
  assert.match(claims.sub, /^\d+$/);
  const verified = await jose.jwtVerify(tokens.id_token, jwks, { issuer: service.baseUrl, audience: WEBSITE.clientId, algorithms: ['RS256'] });
  assert.equal(verified.payload.sub, claims.sub);
  assert.equal(jwksFetches, 1, 'the ID token verified with the key set fetched before signing in');

  const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  assert.equal(userinfo.sub, claims.sub);
  assert.match(userinfo.nickname, /^RP user /);

  const introspected = await client.tokenIntrospection(config, tokens.access_token);
  assert.equal(introspected.active, true);
  assert.equal(introspected.client_id, WEBSITE.clientId);

  // Refresh rotation: a new pair, and the used refresh token is refused.
  assert.ok(tokens.refresh_token);
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
  assert.notEqual(refreshed.refresh_token, tokens.refresh_token);
  assert.notEqual(refreshed.access_token, tokens.access_token);
  assert.equal(refreshed.claims().sub, claims.sub);
  await assert.rejects(client.refreshTokenGrant(config, tokens.refresh_token), (e) => e.error === 'invalid_grant');

  // Revocation: the token stops working at userinfo (RFC 6750 §3 challenge) and introspects inactive.
  await client.tokenRevocation(config, refreshed.access_token);
  await assert.rejects(client.fetchUserInfo(config, refreshed.access_token, claims.sub), (e) => {
    assert.ok(e instanceof client.WWWAuthenticateChallengeError, String(e));
    assert.equal(e.cause[0].scheme, 'bearer');
    assert.equal(e.cause[0].parameters.error, 'invalid_token');
    return true;
  });
  assert.equal((await client.tokenIntrospection(config, refreshed.access_token)).active, false);

  // RP-initiated logout: back to the registered URI with the state, and the browser's sign-in is over.
  // The hint is the latest ID token, the refresh's: the provider knows an authorization by its current one.
  assert.ok(refreshed.id_token);
  const logout = client.buildEndSessionUrl(config, { id_token_hint: refreshed.id_token, post_logout_redirect_uri: SIGNED_OUT, state: 'bye' });
  assert.equal(`${logout.origin}${logout.pathname}`, metadata.end_session_endpoint);
  const signedOut = await b.follow(logout.toString());
  assert.equal(signedOut.left, `${SIGNED_OUT}?state=bye`, `${signedOut.res.status} ${signedOut.body}`);
  const again = await authorizationRequest(config, 'openid');
  const page = await b.follow(again.url.toString());
  assert.match(page.url, /\/login\/scan$/, 'signed out: the next sign-in needs a new scan');
});

test('a public website (PKCE, no secret) signs in and reads userinfo, and gets no refresh token', async () => {
  const config = await discover(SPA.clientId, client.None());
  const { url, checks } = await authorizationRequest(config, 'openid profile');

  const tokens = await client.authorizationCodeGrant(config, await signIn(browser(), url, await miniProgramUser()), checks);

  const claims = tokens.claims();
  assert.equal(claims.aud, SPA.clientId);
  assert.equal((await client.fetchUserInfo(config, tokens.access_token, claims.sub)).sub, claims.sub);
  assert.equal(tokens.refresh_token, undefined);
});
