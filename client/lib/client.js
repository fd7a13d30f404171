'use strict';

const { ApiError, AuthLostError, LoggedOutError, StorageError, WxCallError, WxLoginError } = require('./errors');
const { headerValue, withoutHeaders, parseBody, apiError, toNetworkError } = require('./platform');
const { PLATFORMS, detectPlatform, platformAdapter } = require('./platforms');
const { versionedLogin } = require('./login-endpoints');
const { ticketOfScene, isTicketId } = require('./web-login');
const { createRequestQueue } = require('./request-queue');
const { TOKEN_REFUSED_CODES } = require('./error-codes');

const DEFAULT_STORAGE_KEY = 'wxlogin';
const DEFAULT_LEEWAY_SECONDS = 60;
const DEFAULT_MAX_CONCURRENT_REQUESTS = 8;
/**
 * A fresh code may succeed where these failed (e.g. the app slept past the code's 5 minutes): WeChat's
 * WX_CODE_INVALID and WX_CODE_USED, and the same refusals of the other platforms' codes.
 */
const FRESH_CODE_HELPS = /^[A-Z]+_(AUTH_)?CODE_(INVALID|USED)$/;
const JSON_HEADER = { 'Content-Type': 'application/json' };
const EVENTS = ['change', 'login', 'refresh', 'logout', 'authLost', 'storageError'];
const ORIGIN = /^(https?:\/\/[^/?#]+)/i;

function isSuccess(response) {
  return response.statusCode >= 200 && response.statusCode < 300;
}

/**
 * Whether the service's refusal of a login is final: a 4xx other than 429. A rate limit or a
 * 5xx (WeChat busy or unreachable) is passing, and must not end the login state.
 */
function isFinalRefusal(error) {
  return error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429;
}

/**
 * Whether a 401 says the access token (or the login behind it) was refused, so that a renewed one
 * may succeed: one of the service's token codes, or RFC 6750's invalid_token from another API that
 * verifies our tokens. Any other 401 is the API's own business.
 */
function isTokenRefusal(response) {
  if (response.statusCode !== 401) {
    return false;
  }
  const body = response.data;
  if (body && typeof body === 'object') {
    const code = typeof body.code === 'string' ? body.code : body.error;
    if (typeof code === 'string' && TOKEN_REFUSED_CODES.indexOf(code) >= 0) {
      return true;
    }
  }
  return /error\s*=\s*"?invalid_token/i.test(String(headerValue(response.header, 'WWW-Authenticate') || ''));
}

function originOf(url) {
  const match = ORIGIN.exec(url);
  return match ? match[1].toLowerCase() : null;
}

/** A usable stored login state: both tokens present and not blank. */
function isLoginState(value) {
  return !!value && typeof value === 'object' && typeof value.accessToken === 'string' && value.accessToken.trim() !== ''
    && typeof value.refreshToken === 'string' && value.refreshToken.trim() !== '';
}

/**
 * Creates a client for one wxlogin service. See README.md for the whole contract.
 *
 * @param {object} options
 * @param {string} options.baseUrl      the service, e.g. "https://login.example.com"
 * @param {string} [options.appid]      sent as X-WxLogin-AppId (real mini programs are recognised by their Referer)
 * @param {object} [options.wx]         the platform object: the platform's own (tt, my, qq, wx: found by default), uni, or Taro
 * @param {string} [options.platform]   'wechat' | 'douyin' | 'alipay' | 'qq' (default: the platform whose global is defined, else 'wechat')
 * @param {boolean} [options.douyinForceLogin] Douyin: let tt.login open the host app's login window (default false: silent)
 * @param {string} [options.storageKey] where the login state is stored (default "wxlogin")
 * @param {function} [options.onAuthLost] called once when the login state is gone and a silent re-login failed
 * @param {object} [options.loginEndpoint] compatLogin() to log in through POST /user/wxlogin
 * @param {boolean} [options.autoLogin] log in silently at first use (default true)
 * @param {string[]} [options.resourceOrigins] other APIs' origins that get the access token too
 * @param {number} [options.maxConcurrentRequests] the SDK's requests in flight at most (default 8)
 */
function createClient(options) {
  if (!options || typeof options.baseUrl !== 'string' || !/^https?:\/\//i.test(options.baseUrl)) {
    throw new TypeError('createClient: baseUrl must be an http(s) URL');
  }
  const detected = detectPlatform();
  const api = options.wx || (detected && detected.api);
  if (!api) {
    throw new TypeError('createClient: no platform object (wx, tt, my, qq); pass { wx: uni } (or Taro) outside a mini program');
  }
  // uni-app's and Taro's objects run on every platform: the platform's own global says which one it is.
  const platform = options.platform || (detected ? detected.platform : 'wechat');
  if (PLATFORMS.indexOf(platform) < 0) {
    throw new TypeError('createClient: platform is one of ' + PLATFORMS.join(', ') + ', got ' + platform);
  }
  if (options.loginEndpoint && options.loginEndpoint.wechatOnly && platform !== 'wechat') {
    throw new TypeError('createClient: compatLogin() is WeChat\'s POST /user/wxlogin; on ' + platform + ' use the default login');
  }
  const device = platformAdapter(platform, api, { douyinForceLogin: !!options.douyinForceLogin }, function (name) {
    return new WxCallError(name, 'the injected platform object has no ' + name + '()');
  });
  const resourceOrigins = (options.resourceOrigins || []).map(function (origin) {
    const parsed = typeof origin === 'string' ? originOf(origin) : null;
    if (!parsed || parsed.length !== origin.replace(/\/+$/, '').length) {
      throw new TypeError('createClient: resourceOrigins are origins such as "https://api.example.com", got ' + origin);
    }
    return parsed;
  });
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const storageKey = options.storageKey || DEFAULT_STORAGE_KEY;
  const appid = options.appid;
  const endpoint = options.loginEndpoint || versionedLogin;
  const autoLogin = options.autoLogin !== false;
  const leewaySeconds = options.expiryLeewaySeconds == null ? DEFAULT_LEEWAY_SECONDS : options.expiryLeewaySeconds;
  const queue = createRequestQueue(options.maxConcurrentRequests > 0 ? options.maxConcurrentRequests : DEFAULT_MAX_CONCURRENT_REQUESTS);
  const listeners = {};
  EVENTS.forEach(function (event) {
    listeners[event] = [];
  });

  // ---- the state lives in memory; storage persists it and carries it between clients sharing it

  let state = null;
  let loggedOut = false;
  /** Bumped by every logout: a login or refresh started before it stores nothing when it ends. */
  let epoch = 0;
  /** What storage held when last read or written, to notice another client's change cheaply. */
  let seen;
  /** Our latest write failed: storage holds something older than memory, so it is not read back. */
  let unwritten = false;
  let readFailing = false;
  let loginFlight = null;
  let refreshFlight = null;

  function emit(event, payload) {
    listeners[event].slice().forEach(function (listener) {
      try {
        listener(payload);
      } catch (e) {
        // A listener's bug must not break a login; surface it without rethrowing.
        if (typeof console !== 'undefined') {
          console.error('wxlogin: a ' + event + ' listener threw', e);
        }
      }
    });
  }

  function signatureOf(value) {
    if (isLoginState(value)) {
      return 'state:' + value.accessToken + ':' + value.refreshToken + ':' + value.expiresAt;
    }
    return value && typeof value === 'object' && value.loggedOut === true ? 'loggedOut' : 'none';
  }

  function decode(raw) {
    if (typeof raw === 'string' && raw) {
      try {
        return JSON.parse(raw);
      } catch (e) {
        return null;
      }
    }
    return raw;
  }

  /**
   * Takes over what another client sharing the storage stored since we last looked. Anything
   * unreadable or malformed counts as no login, once: it is only looked at again when it changes.
   */
  function sync() {
    if (unwritten) {
      return;
    }
    let stored;
    try {
      stored = decode(device.storage.get(storageKey));
      readFailing = false;
    } catch (e) {
      if (!readFailing) {
        readFailing = true;
        emit('storageError', new StorageError('read', e));
      }
      return;
    }
    const signature = signatureOf(stored);
    if (signature === seen) {
      return;
    }
    seen = signature;
    const before = state;
    if (signature === 'loggedOut') {
      if (!loggedOut) {
        epoch++;
        loginFlight = null;
        refreshFlight = null;
      }
      loggedOut = true;
      state = null;
    } else {
      loggedOut = false;
      state = signature === 'none' ? null : {
        accessToken: stored.accessToken,
        refreshToken: stored.refreshToken,
        expiresAt: typeof stored.expiresAt === 'number' ? stored.expiresAt : 0,
        user: stored.user && typeof stored.user === 'object' ? stored.user : null
      };
    }
    if (before !== state) {
      emit('change', state);
    }
  }

  function persist(value) {
    try {
      device.storage.set(storageKey, value);
      seen = signatureOf(value);
      unwritten = false;
    } catch (e) {
      // Storage full (10 MB per mini program) or broken: go on in memory, never log in again for it.
      unwritten = true;
      emit('storageError', new StorageError('write', e));
    }
  }

  function setState(next) {
    state = next;
    loggedOut = false;
    persist(next);
    emit('change', next);
    return next;
  }

  function forget(markLoggedOut) {
    state = null;
    loggedOut = markLoggedOut;
    if (markLoggedOut) {
      persist({ loggedOut: true });
    } else {
      try {
        device.storage.remove(storageKey);
        seen = 'none';
        unwritten = false;
      } catch (e) {
        unwritten = true;
        emit('storageError', new StorageError('write', e));
      }
    }
    emit('change', null);
  }

  /** expiresAt on the device clock, a little early, so a token is renewed before the service refuses it. */
  function stateFrom(data, user) {
    const expiresIn = Number(data.expiresIn) || 0;
    const leeway = Math.min(leewaySeconds, Math.floor(expiresIn / 10));
    return {
      accessToken: data.accessToken,
      refreshToken: data.refreshToken,
      expiresAt: Date.now() + (expiresIn - leeway) * 1000,
      user: user === undefined ? null : user
    };
  }

  /** Throws LOGGED_OUT when a logout happened since `since` (the epoch a login or refresh started in). */
  function checkEpoch(since) {
    if (since !== epoch) {
      throw new LoggedOutError();
    }
  }

  // ---- HTTP through the platform, at most maxConcurrentRequests at once

  function resolveUrl(url) {
    if (/^https?:\/\//i.test(url)) {
      return url;
    }
    return baseUrl + (url.charAt(0) === '/' ? '' : '/') + url;
  }

  function isOurs(fullUrl) {
    return fullUrl === baseUrl || fullUrl.indexOf(baseUrl + '/') === 0 || fullUrl.indexOf(baseUrl + '?') === 0;
  }

  /** Our tokens go only to our own service and the resource origins, never to another host the app also calls. */
  function takesToken(fullUrl) {
    return isOurs(fullUrl) || resourceOrigins.indexOf(originOf(fullUrl)) >= 0;
  }

  function transmit(kind, params, accessToken) {
    const url = resolveUrl(params.url);
    const ours = isOurs(url);
    const drop = [];
    if (ours && appid) {
      drop.push('X-WxLogin-AppId');
    }
    if (accessToken) {
      drop.push('Authorization');
    }
    const header = withoutHeaders(params.header, drop);
    if (ours && appid) {
      header['X-WxLogin-AppId'] = appid;
    }
    if (accessToken) {
      header.Authorization = 'Bearer ' + accessToken;
    }
    const sent = Object.assign({}, params, { url: url, header: header });
    delete sent.auth;
    return device[kind](sent).then(function (res) {
      return { statusCode: res.statusCode, data: parseBody(res.data), header: res.header || {} };
    }, function (err) {
      throw err instanceof WxLoginError ? err : toNetworkError(err);
    });
  }

  /** A call of the login machinery itself (login, refresh, logout): goes before queued requests. */
  function postJson(path, body, accessToken) {
    return queue.run(function () {
      return transmit('request', { url: path, method: 'POST', data: body, header: JSON_HEADER }, accessToken || null);
    }, true);
  }

  // ---- login: one in flight, a fresh login code (Alipay: authCode) for every attempt

  function loginCredentials() {
    return device.login().then(function (credentials) {
      if (!credentials) {
        throw new WxCallError('login', 'the platform answered no login code');
      }
      return credentials;
    }, function (err) {
      throw err instanceof WxLoginError ? err : new WxCallError('login', err && err.errMsg);
    });
  }

  function userInfoOrNull() {
    return device.call('getUserInfo', { withCredentials: true }).then(function (res) {
      if (!res || !res.encryptedData || !res.iv) {
        return null;
      }
      const info = { encryptedData: res.encryptedData, iv: res.iv };
      if (res.rawData && res.signature) {
        info.rawData = res.rawData;
        info.signature = res.signature;
      }
      return info;
    }, function () {
      return null;
    });
  }

  async function loginOnce(since) {
    let refusal = null;
    for (let attempt = 0; attempt < 2; attempt++) {
      const credentials = await loginCredentials();
      const userInfo = endpoint.withUserInfo ? await userInfoOrNull() : null;
      const res = await postJson(endpoint.path, endpoint.body(credentials, userInfo, platform));
      checkEpoch(since);
      if (isSuccess(res) && isLoginState(res.data)) {
        setState(stateFrom(res.data, endpoint.user(res.data)));
        const result = endpoint.result(res.data);
        emit('login', result);
        return result;
      }
      refusal = isSuccess(res)
        ? new ApiError('INVALID_RESPONSE', 'The login answer carries no tokens.', { status: res.statusCode, data: res.data })
        : apiError(res);
      if (!FRESH_CODE_HELPS.test(refusal.code)) {
        break;
      }
    }
    throw refusal;
  }

  /** Joins the login in flight or starts one; a logout meanwhile makes it store nothing. */
  function startLogin() {
    if (!loginFlight) {
      const since = epoch;
      const flight = loginOnce(since).then(function (result) {
        if (loginFlight === flight) {
          loginFlight = null;
        }
        return result;
      }, function (err) {
        if (loginFlight === flight) {
          loginFlight = null;
        }
        throw err;
      });
      loginFlight = flight;
    }
    return loginFlight;
  }

  /** The user's explicit login: also the way out of the logged-out state. */
  function login() {
    sync();
    return startLogin();
  }

  /** The current state; logs in silently only when allowed (never after a logout). */
  async function currentState() {
    sync();
    if (state) {
      return state;
    }
    if (loggedOut || !autoLogin) {
      throw new LoggedOutError();
    }
    await startLogin();
    if (!state) {
      throw new LoggedOutError();
    }
    return state;
  }

  function ensureLogin() {
    return currentState();
  }

  // ---- refresh: one in flight; a 401 falls back to a silent re-login; onAuthLost once

  function lose(cause) {
    forget(false);
    const lost = new AuthLostError(cause);
    if (typeof options.onAuthLost === 'function') {
      try {
        options.onAuthLost(lost);
      } catch (e) {
        if (typeof console !== 'undefined') {
          console.error('wxlogin: onAuthLost threw', e);
        }
      }
    }
    emit('authLost', lost);
    throw lost;
  }

  async function reloginOrLose(since) {
    try {
      await startLogin();
      checkEpoch(since);
      return state;
    } catch (e) {
      // Only the service's final refusal ends the state; a network failure or a failing wx.login()
      // keeps it, and the next use tries again.
      if (isFinalRefusal(e) && since === epoch) {
        return lose(e);
      }
      throw e;
    }
  }

  async function refreshOnce(current, since) {
    const sent = current.refreshToken;
    const res = await postJson('/api/v1/token/refresh', { refreshToken: sent });
    checkEpoch(since);
    if (isSuccess(res) && isLoginState(res.data)) {
      const renewed = setState(stateFrom(res.data, (state && state.user) || current.user));
      emit('refresh', renewed);
      return renewed;
    }
    const error = isSuccess(res)
      ? new ApiError('INVALID_RESPONSE', 'The refresh answer carries no tokens.', { status: res.statusCode, data: res.data })
      : apiError(res);
    if (res.statusCode === 401) {
      sync();
      if (state && state.refreshToken !== sent) {
        return state; // another client sharing this storage renewed it meanwhile
      }
      return reloginOrLose(since);
    }
    if (error.code === 'USER_DISABLED') {
      return lose(error);
    }
    throw error; // 429, 5xx or a broken answer: passing; the state stays
  }

  /**
   * Renews the state after `sentToken` was refused or is due. Refreshes only if `sentToken` is
   * still the current token (else someone already renewed it) and joins a refresh in flight. The
   * refresh holds the queue at once, before anything is awaited, so no queued request leaves with
   * the token that was just refused.
   */
  function renew(sentToken) {
    if (refreshFlight) {
      return refreshFlight;
    }
    sync();
    if (!state) {
      return currentState();
    }
    if (sentToken && state.accessToken !== sentToken) {
      return Promise.resolve(state);
    }
    const release = queue.hold();
    const flight = refreshOnce(state, epoch).then(function (renewed) {
      release();
      if (refreshFlight === flight) {
        refreshFlight = null;
      }
      return renewed;
    }, function (err) {
      release();
      if (refreshFlight === flight) {
        refreshFlight = null;
      }
      throw err;
    });
    refreshFlight = flight;
    return flight;
  }

  function refresh() {
    return renew(null);
  }

  /** A state whose access token the device clock still thinks valid, refreshed if not. */
  async function freshState() {
    const current = await currentState();
    if (Date.now() < current.expiresAt) {
      return current;
    }
    return renew(current.accessToken);
  }

  /** A valid access token for another API, renewed through the one shared refresh when due. */
  async function getAccessToken() {
    return (await freshState()).accessToken;
  }

  // ---- authorised calls

  /** Sends with the token current when the request leaves the queue, not when it entered it. */
  function sendWithToken(kind, params) {
    return queue.run(function () {
      if (!state) {
        throw new LoggedOutError();
      }
      const token = state.accessToken;
      return transmit(kind, params, token).then(function (res) {
        return { res: res, token: token };
      });
    }, false);
  }

  async function authorized(kind, params) {
    if (!params || typeof params.url !== 'string') {
      throw new TypeError(kind + ': url is required');
    }
    if (params.auth === false || !takesToken(resolveUrl(params.url))) {
      return queue.run(function () {
        return transmit(kind, params, null);
      }, false);
    }
    try {
      await freshState();
    } catch (e) {
      if (e instanceof AuthLostError || e instanceof LoggedOutError || !state) {
        throw e;
      }
      // The device clock may be wrong: the service's 401 decides, so try the token we have.
    }
    const first = await sendWithToken(kind, params);
    if (!isTokenRefusal(first.res)) {
      return first.res;
    }
    await renew(first.token);
    return (await sendWithToken(kind, params)).res;
  }

  function request(params) {
    return authorized('request', params);
  }

  function uploadFile(params) {
    return authorized('uploadFile', params);
  }

  async function bodyOf(responsePromise) {
    const res = await responsePromise;
    if (!isSuccess(res)) {
      throw apiError(res);
    }
    return res.data;
  }

  /**
   * Stores the user an answer gave. GET and PATCH /api/v1/me and the avatar upload carry linkedAccounts;
   * a login's answer does not, and keeps those already stored for the same user.
   */
  function rememberUser(user) {
    if (state && user && typeof user === 'object') {
      const before = state.user;
      const kept = !Array.isArray(user.linkedAccounts) && before && before.id === user.id && Array.isArray(before.linkedAccounts)
        ? Object.assign({}, user, { linkedAccounts: before.linkedAccounts })
        : user;
      setState(Object.assign({}, state, { user: kept }));
    }
    return user;
  }

  // ---- the account

  async function me() {
    return rememberUser(await bodyOf(request({ url: '/api/v1/me', method: 'GET' })));
  }

  async function updateMe(fields) {
    // wx.request has no PATCH: send POST and name the method, which the service honours.
    const header = Object.assign({ 'X-HTTP-Method-Override': 'PATCH' }, JSON_HEADER);
    return rememberUser(await bodyOf(request({ url: '/api/v1/me', method: 'POST', data: fields || {}, header: header })));
  }

  async function uploadAvatar(tempFilePath) {
    if (typeof tempFilePath !== 'string' || !tempFilePath) {
      throw new TypeError('uploadAvatar: pass the temporary file path of chooseAvatar (e.detail.avatarUrl)');
    }
    return rememberUser(await bodyOf(uploadFile({ url: '/api/v1/me/avatar', filePath: tempFilePath, name: 'file' })));
  }

  const PHONE_SHAPES = 'a code string (WeChat\'s e.detail.code), getPhoneNumber\'s e.detail ({code} or {encryptedData, iv}), '
    + 'or Alipay\'s my.getPhoneNumber answer ({response})';

  function nonBlank(value) {
    return typeof value === 'string' && value.trim() !== '';
  }

  /**
   * The body of POST /api/v1/me/phone for what the platform's button (or my.getPhoneNumber) gave: one
   * form only, the platform's preferred one when the detail carries several (WeChat's e.detail has
   * both `code` and the legacy `encryptedData`/`iv`; Douyin's newer base libraries add a `code` the
   * service cannot exchange yet).
   */
  function phoneBody(proof) {
    if (typeof proof === 'string') {
      if (!nonBlank(proof)) {
        throw new TypeError('bindPhone: the code is blank; pass ' + PHONE_SHAPES);
      }
      return { code: proof };
    }
    if (!proof || typeof proof !== 'object' || Array.isArray(proof)) {
      throw new TypeError('bindPhone: pass ' + PHONE_SHAPES + ', got ' + (proof === null ? 'null' : Array.isArray(proof) ? 'an array' : typeof proof));
    }
    if (proof.detail && typeof proof.detail === 'object' && proof.response === undefined && proof.code === undefined
        && proof.encryptedData === undefined) {
      throw new TypeError('bindPhone: pass the event\'s detail (e.detail), not the event');
    }
    const code = proof.code;
    const hasCode = nonBlank(code);
    const hasEncrypted = proof.encryptedData != null || proof.iv != null;
    const hasResponse = proof.response != null;
    if (!hasCode && !hasEncrypted && !hasResponse) {
      if (code != null) {
        throw new TypeError('bindPhone: code must be a non-blank string');
      }
      const failure = proof.errMsg || proof.errorMessage;
      if (typeof failure === 'string' && failure) {
        // The user declined (e.g. "getPhoneNumber:fail user deny"), or the platform failed: nothing to send.
        throw new WxCallError('getPhoneNumber', failure);
      }
      throw new TypeError('bindPhone: pass ' + PHONE_SHAPES + '; the object has none of code, encryptedData/iv, response');
    }
    if (hasEncrypted && !(nonBlank(proof.encryptedData) && nonBlank(proof.iv))) {
      throw new TypeError('bindPhone: encryptedData and iv must both be non-blank strings (the getPhoneNumber detail, unchanged)');
    }
    if (hasResponse) {
      if (!nonBlank(proof.response)) {
        throw new TypeError('bindPhone: response must be the string my.getPhoneNumber answered (res.response), unchanged');
      }
      if (hasCode || hasEncrypted) {
        throw new TypeError('bindPhone: pass Alipay\'s {response} alone, without code or encryptedData');
      }
      return { response: proof.response };
    }
    const encrypted = hasEncrypted ? { encryptedData: proof.encryptedData, iv: proof.iv } : null;
    if (hasCode && encrypted) {
      // WeChat exchanges the code (no session key involved); QQ and Douyin decrypt the data.
      return platform === 'wechat' ? { code: code } : encrypted;
    }
    return encrypted || { code: code };
  }

  /**
   * Binds the number the platform's phone button gave (see phoneBody), masked unless reveal. The stored
   * user's `phone` follows a masked answer; `linkCandidates` in the answer name accounts on other
   * platforms to link with linkAccount().
   */
  async function bindPhone(proof, bindOptions) {
    const body = phoneBody(proof);
    const reveal = !!(bindOptions && bindOptions.reveal);
    const phone = await bodyOf(request({
      url: '/api/v1/me/phone' + (reveal ? '?reveal=true' : ''), method: 'POST', data: body, header: JSON_HEADER
    }));
    if (state && state.user && phone && phone.masked) {
      const stored = Object.assign({}, phone);
      delete stored.linkCandidates;
      setState(Object.assign({}, state, { user: Object.assign({}, state.user, { phone: stored }) }));
    }
    return phone;
  }

  // ---- accounts of the same person on other platforms

  /** Replaces the stored user's linkedAccounts, when it has them (me() gives them; a login does not). */
  function rememberLinks(change) {
    if (state && state.user && Array.isArray(state.user.linkedAccounts)) {
      setState(Object.assign({}, state, { user: Object.assign({}, state.user, { linkedAccounts: change(state.user.linkedAccounts) }) }));
    }
  }

  /**
   * Confirms the link to the account of `candidate` (an entry of bindPhone()'s linkCandidates, or its
   * appid), within 10 minutes of binding the number. Resolves the link.
   */
  async function linkAccount(candidate) {
    const target = candidate && typeof candidate === 'object' ? candidate.appid : candidate;
    if (!nonBlank(target)) {
      throw new TypeError('linkAccount: pass an entry of bindPhone()\'s linkCandidates, or its appid');
    }
    const link = await bodyWith('userId', request({
      url: '/api/v1/me/links', method: 'POST', data: { appid: target }, header: JSON_HEADER
    }));
    rememberLinks(function (links) {
      return links.filter(function (l) {
        return l.userId !== link.userId;
      }).concat([link]);
    });
    return link;
  }

  /** Removes the link to the user `userId` (or a linkedAccounts entry); a link that is not there is LINK_NOT_FOUND. */
  async function unlinkAccount(linked) {
    const userId = linked && typeof linked === 'object' ? linked.userId : linked;
    if (!Number.isSafeInteger(userId) || userId <= 0) {
      throw new TypeError('unlinkAccount: pass the userId of an entry of me().linkedAccounts (or the entry)');
    }
    await bodyOf(request({ url: '/api/v1/me/links/' + userId, method: 'DELETE' }));
    rememberLinks(function (links) {
      return links.filter(function (l) {
        return l.userId !== userId;
      });
    });
  }

  /**
   * Whether the service's WeChat session_key for this user is current. `valid: false` (with the
   * code) means a newer wx.login() replaced it: call login() before sending encrypted data.
   */
  async function checkWxSession() {
    const res = await request({ url: '/api/v1/wx/session', method: 'GET' });
    if (isSuccess(res)) {
      return { valid: true };
    }
    const error = apiError(res);
    if (error.code === 'WX_SESSION_KEY_STALE' || error.code === 'SESSION_KEY_MISSING') {
      return { valid: false, code: error.code };
    }
    throw error;
  }

  // ---- signing in to a website by scanning its code (the service's web-login tickets)

  /** The body of a 2xx answer that carries `field`; an answer without it is the service's fault, not a success. */
  async function bodyWith(field, responsePromise) {
    const res = await responsePromise;
    if (!isSuccess(res)) {
      throw apiError(res);
    }
    if (!res.data || typeof res.data !== 'object' || res.data[field] == null) {
      throw new ApiError('INVALID_RESPONSE', 'The answer carries no ' + field + '.', { status: res.statusCode, data: res.data });
    }
    return res.data;
  }

  /**
   * Marks the ticket of a scanned code as scanned by this user, after logging in if needed, and
   * resolves what the website asks for: which client, which scopes, until when.
   */
  async function scanTicket(scene) {
    const ticket = ticketOfScene(scene);
    return bodyWith('client', request({ url: '/api/v1/web-login/' + ticket + '/scan', method: 'POST' }));
  }

  /** Approves (signs the website in as this user) or denies a ticket this user scanned. */
  async function confirmWebLogin(ticket, confirmOptions) {
    if (!isTicketId(ticket)) {
      throw new TypeError('confirmWebLogin: pass the ticket of scanTicket()\'s answer');
    }
    if (!confirmOptions || typeof confirmOptions.approve !== 'boolean') {
      throw new TypeError('confirmWebLogin: pass { approve: true } or { approve: false }');
    }
    return bodyWith('status', request({
      url: '/api/v1/web-login/' + ticket + '/confirm', method: 'POST', data: { approve: confirmOptions.approve }, header: JSON_HEADER
    }));
  }

  // ---- logout: ends the state here at once, then tells the service

  /** POST /api/v1/logout/all with the ended login's access token, renewed once if the service refuses it. */
  async function revokeEverywhere(ended) {
    const res = await postJson('/api/v1/logout/all', undefined, ended.accessToken);
    if (!isTokenRefusal(res)) {
      return res;
    }
    const renewed = await postJson('/api/v1/token/refresh', { refreshToken: ended.refreshToken });
    return isSuccess(renewed) && isLoginState(renewed.data)
      ? postJson('/api/v1/logout/all', undefined, renewed.data.accessToken)
      : renewed;
  }

  async function logout(logoutOptions) {
    const all = !!(logoutOptions && logoutOptions.all);
    sync();
    const ended = state;
    epoch++;
    loginFlight = null;
    refreshFlight = null;
    forget(true);
    emit('logout', { all: all });
    let revoked = false;
    if (ended) {
      try {
        const res = all ? await revokeEverywhere(ended) : await postJson('/api/v1/logout', { refreshToken: ended.refreshToken });
        revoked = isSuccess(res);
      } catch (e) {
        // Logging out has already ended the state here; `revoked: false` says the service was not told.
        if (!(e instanceof WxLoginError)) {
          throw e;
        }
      }
    }
    return { revoked: revoked };
  }

  function on(event, listener) {
    if (EVENTS.indexOf(event) < 0 || typeof listener !== 'function') {
      throw new TypeError('on: one of ' + EVENTS.join(', ') + ' and a function');
    }
    listeners[event].push(listener);
    return function off() {
      const index = listeners[event].indexOf(listener);
      if (index >= 0) {
        listeners[event].splice(index, 1);
      }
    };
  }

  function getState() {
    sync();
    return state;
  }

  function isLoggedOut() {
    sync();
    return loggedOut;
  }

  return {
    login: login,
    ensureLogin: ensureLogin,
    getAccessToken: getAccessToken,
    request: request,
    uploadFile: uploadFile,
    refresh: refresh,
    logout: logout,
    me: me,
    updateMe: updateMe,
    uploadAvatar: uploadAvatar,
    bindPhone: bindPhone,
    linkAccount: linkAccount,
    unlinkAccount: unlinkAccount,
    checkWxSession: checkWxSession,
    scanTicket: scanTicket,
    confirmWebLogin: confirmWebLogin,
    on: on,
    getState: getState,
    isLoggedOut: isLoggedOut
  };
}

module.exports = { createClient };
