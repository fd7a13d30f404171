'use strict';

const { ApiError, AuthLostError, WxCallError, WxLoginError } = require('./errors');
const { call, withoutHeaders, parseBody, apiError, toNetworkError } = require('./platform');
const { versionedLogin } = require('./login-endpoints');
const { ticketOfScene, isTicketId } = require('./web-login');

const DEFAULT_STORAGE_KEY = 'wxlogin';
const DEFAULT_LEEWAY_SECONDS = 60;
/** A fresh code may succeed where these failed (e.g. the app slept past the code's 5 minutes). */
const FRESH_CODE_HELPS = ['WX_CODE_INVALID', 'WX_CODE_USED'];
const JSON_HEADER = { 'Content-Type': 'application/json' };

function defaultWx() {
  // eslint-disable-next-line no-undef
  return typeof wx !== 'undefined' ? wx : undefined;
}

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
 * Creates a client for one wxlogin service. See README.md for the whole contract.
 *
 * @param {object} options
 * @param {string} options.baseUrl      the service, e.g. "https://login.example.com"
 * @param {string} [options.appid]      sent as X-WxLogin-AppId (real mini programs are recognised by their Referer)
 * @param {object} [options.wx]         the platform object: wx (default), uni, or Taro
 * @param {string} [options.storageKey] where the login state is stored (default "wxlogin")
 * @param {function} [options.onAuthLost] called once when the login state is gone and a silent re-login failed
 * @param {object} [options.loginEndpoint] compatLogin() to log in through POST /user/wxlogin
 */
function createClient(options) {
  if (!options || typeof options.baseUrl !== 'string' || !/^https?:\/\//i.test(options.baseUrl)) {
    throw new TypeError('createClient: baseUrl must be an http(s) URL');
  }
  const api = options.wx || defaultWx();
  if (!api) {
    throw new TypeError('createClient: no wx object; pass { wx: uni } (or Taro) outside WeChat');
  }
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const storageKey = options.storageKey || DEFAULT_STORAGE_KEY;
  const appid = options.appid;
  const endpoint = options.loginEndpoint || versionedLogin;
  const leewaySeconds = options.expiryLeewaySeconds == null ? DEFAULT_LEEWAY_SECONDS : options.expiryLeewaySeconds;
  const listeners = [];
  let loginFlight = null;
  let refreshFlight = null;
  let loggingOut = 0;

  // ---- the stored login state, read back on every use: another client may share this storage

  function readState() {
    let value;
    try {
      value = api.getStorageSync(storageKey);
    } catch (e) {
      return null;
    }
    if (typeof value === 'string' && value) {
      try {
        value = JSON.parse(value);
      } catch (e) {
        return null;
      }
    }
    if (!value || typeof value !== 'object' || typeof value.accessToken !== 'string' || typeof value.refreshToken !== 'string') {
      return null;
    }
    return value;
  }

  function writeState(state) {
    api.setStorageSync(storageKey, state);
    emit(state);
    return state;
  }

  function clearState() {
    try {
      if (typeof api.removeStorageSync === 'function') {
        api.removeStorageSync(storageKey);
      } else {
        api.setStorageSync(storageKey, '');
      }
    } finally {
      emit(null);
    }
  }

  function emit(state) {
    listeners.slice().forEach(function (listener) {
      try {
        listener(state);
      } catch (e) {
        // A listener's bug must not break a login; surface it without rethrowing.
        if (typeof console !== 'undefined') {
          console.error('wxlogin: a change listener threw', e);
        }
      }
    });
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

  // ---- HTTP through the platform

  function resolveUrl(url) {
    if (/^https?:\/\//i.test(url)) {
      return url;
    }
    return baseUrl + (url.charAt(0) === '/' ? '' : '/') + url;
  }

  /** Our tokens go only to our own service, never to another host the app also calls. */
  function isOurs(fullUrl) {
    return fullUrl === baseUrl || fullUrl.indexOf(baseUrl + '/') === 0 || fullUrl.indexOf(baseUrl + '?') === 0;
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
    const options = Object.assign({}, params, { url: url, header: header });
    delete options.auth;
    return call(api, kind, options).then(function (res) {
      return { statusCode: res.statusCode, data: parseBody(res.data), header: res.header || {} };
    }, function (err) {
      throw err instanceof WxLoginError ? err : toNetworkError(err);
    });
  }

  function postJson(path, body) {
    return transmit('request', { url: path, method: 'POST', data: body, header: JSON_HEADER }, null);
  }

  // ---- login: one in flight, a fresh wx.login() code for every attempt

  function wxLoginCode() {
    return call(api, 'login', {}).then(function (res) {
      if (!res || !res.code) {
        throw new WxCallError('login', res && res.errMsg);
      }
      return res.code;
    }, function (err) {
      throw err instanceof WxLoginError ? err : new WxCallError('login', err && err.errMsg);
    });
  }

  function userInfoOrNull() {
    return call(api, 'getUserInfo', { withCredentials: true }).then(function (res) {
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

  async function loginOnce() {
    let refusal = null;
    for (let attempt = 0; attempt < 2; attempt++) {
      const code = await wxLoginCode();
      const userInfo = endpoint.withUserInfo ? await userInfoOrNull() : null;
      const res = await postJson(endpoint.path, endpoint.body(code, userInfo));
      if (isSuccess(res) && res.data && typeof res.data.accessToken === 'string') {
        writeState(stateFrom(res.data, endpoint.user(res.data)));
        return endpoint.result(res.data);
      }
      refusal = isSuccess(res)
        ? new ApiError('INVALID_RESPONSE', 'The login answer carries no tokens.', { status: res.statusCode, data: res.data })
        : apiError(res);
      if (FRESH_CODE_HELPS.indexOf(refusal.code) < 0) {
        break;
      }
    }
    throw refusal;
  }

  function login() {
    if (!loginFlight) {
      loginFlight = loginOnce().then(function (result) {
        loginFlight = null;
        return result;
      }, function (err) {
        loginFlight = null;
        throw err;
      });
    }
    return loginFlight;
  }

  async function ensureLogin() {
    const state = readState();
    if (state) {
      return state;
    }
    await login();
    return readState();
  }

  // ---- refresh: one in flight; a 401 falls back to a silent re-login; onAuthLost once

  function lose(cause) {
    clearState();
    const lost = new AuthLostError(cause);
    if (typeof options.onAuthLost === 'function' && loggingOut === 0) {
      try {
        options.onAuthLost(lost);
      } catch (e) {
        if (typeof console !== 'undefined') {
          console.error('wxlogin: onAuthLost threw', e);
        }
      }
    }
    throw lost;
  }

  async function reloginOrLose() {
    try {
      await login();
      return readState();
    } catch (e) {
      // Only the service's final refusal ends the state; a network failure or a failing wx.login()
      // keeps it, and the next use tries again.
      if (isFinalRefusal(e)) {
        return lose(e);
      }
      throw e;
    }
  }

  async function refreshOnce(current) {
    if (!current) {
      await login();
      return readState();
    }
    const sent = current.refreshToken;
    const res = await postJson('/api/v1/token/refresh', { refreshToken: sent });
    if (isSuccess(res) && res.data && typeof res.data.accessToken === 'string') {
      const latest = readState();
      return writeState(stateFrom(res.data, (latest && latest.user) || current.user));
    }
    const error = apiError(res);
    if (res.statusCode === 401) {
      const latest = readState();
      if (latest && latest.refreshToken !== sent) {
        return latest; // another client sharing this storage renewed it meanwhile
      }
      return reloginOrLose();
    }
    if (error.code === 'USER_DISABLED') {
      return lose(error);
    }
    throw error; // 429 or 5xx: passing; the state stays
  }

  /**
   * Renews the state after `sentToken` was refused or is due. Refreshes only if `sentToken` is
   * still the stored token (else someone already renewed it) and joins a refresh in flight.
   */
  function renew(sentToken) {
    if (refreshFlight) {
      return refreshFlight;
    }
    const current = readState();
    if (current && sentToken && current.accessToken !== sentToken) {
      return Promise.resolve(current);
    }
    refreshFlight = refreshOnce(current).then(function (state) {
      refreshFlight = null;
      return state;
    }, function (err) {
      refreshFlight = null;
      throw err;
    });
    return refreshFlight;
  }

  function refresh() {
    return renew(null);
  }

  // ---- authorised calls

  async function authorized(kind, params) {
    if (!params || typeof params.url !== 'string') {
      throw new TypeError(kind + ': url is required');
    }
    if (params.auth === false || !isOurs(resolveUrl(params.url))) {
      return transmit(kind, params, null);
    }
    let state = await ensureLogin();
    if (typeof state.expiresAt === 'number' && Date.now() >= state.expiresAt) {
      try {
        state = await renew(state.accessToken);
      } catch (e) {
        if (e instanceof AuthLostError) {
          throw e;
        }
        // The device clock may be wrong: the service's 401 decides, so try the token we have.
      }
    }
    const sent = state.accessToken;
    const first = await transmit(kind, params, sent);
    if (first.statusCode !== 401) {
      return first;
    }
    const renewed = await renew(sent);
    return transmit(kind, params, renewed.accessToken);
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

  function rememberUser(user) {
    const state = readState();
    if (state && user && typeof user === 'object') {
      writeState(Object.assign({}, state, { user: user }));
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

  async function bindPhone(code, bindOptions) {
    if (typeof code !== 'string' || !code) {
      throw new TypeError('bindPhone: pass e.detail.code of the getPhoneNumber button');
    }
    const reveal = !!(bindOptions && bindOptions.reveal);
    const phone = await bodyOf(request({
      url: '/api/v1/me/phone' + (reveal ? '?reveal=true' : ''), method: 'POST', data: { code: code }, header: JSON_HEADER
    }));
    const state = readState();
    if (state && state.user && phone && phone.masked) {
      writeState(Object.assign({}, state, { user: Object.assign({}, state.user, { phone: phone }) }));
    }
    return phone;
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

  async function logout(logoutOptions) {
    const all = !!(logoutOptions && logoutOptions.all);
    const state = readState();
    let revoked = false;
    loggingOut++;
    try {
      if (state) {
        const res = all
          ? await request({ url: '/api/v1/logout/all', method: 'POST' })
          : await postJson('/api/v1/logout', { refreshToken: state.refreshToken });
        revoked = isSuccess(res);
      }
    } catch (e) {
      // Logging out always ends the state here; `revoked: false` says the service was not told.
      if (!(e instanceof WxLoginError)) {
        throw e;
      }
    } finally {
      loggingOut--;
    }
    clearState();
    return { revoked: revoked };
  }

  function on(event, listener) {
    if (event !== 'change' || typeof listener !== 'function') {
      throw new TypeError("on: only on('change', fn) is supported");
    }
    listeners.push(listener);
    return function off() {
      const index = listeners.indexOf(listener);
      if (index >= 0) {
        listeners.splice(index, 1);
      }
    };
  }

  return {
    login: login,
    ensureLogin: ensureLogin,
    request: request,
    uploadFile: uploadFile,
    refresh: refresh,
    logout: logout,
    me: me,
    updateMe: updateMe,
    uploadAvatar: uploadAvatar,
    bindPhone: bindPhone,
    checkWxSession: checkWxSession,
    scanTicket: scanTicket,
    confirmWebLogin: confirmWebLogin,
    on: on,
    getState: readState
  };
}

module.exports = { createClient };
