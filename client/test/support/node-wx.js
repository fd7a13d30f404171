'use strict';

// A `wx` object for Node: request()/uploadFile() over real HTTP with fetch, storage in a Map,
// login() from the sandbox's simulated phone. It behaves as the mini-program platform does where
// the SDK depends on it: success for every HTTP status, fail when the request did not complete,
// uploadFile's data as a string, GET data as a query string, stored values copied.

const fs = require('node:fs');
const path = require('node:path');
const { sandboxPost } = require('./service');

function plainHeaders(headers, rename) {
  const out = {};
  headers.forEach((value, name) => {
    out[rename(name)] = value;
  });
  return out;
}

function titleCase(name) {
  return name.replace(/(^|-)([a-z])/g, (m, dash, c) => dash + c.toUpperCase());
}

function queryString(data) {
  return Object.keys(data).map((k) => encodeURIComponent(k) + '=' + encodeURIComponent(data[k])).join('&');
}

/**
 * @param {object} options
 * @param {string} options.sandboxUrl the sandbox WeChat
 * @param {string} options.user       the simulated person on this phone
 * @param {Map}    [options.storage]  share one Map between two objects to share their storage
 * @param {object} [options.profile]  the profile the phone's user info carries
 * @param {'wx'|'uni'} [options.shape] 'uni' answers as uni-app does (Title-Case headers, no upload header)
 * @param {'wechat'|'qq'} [options.platform] whose simulated phone login() asks for a code (default WeChat)
 */
function nodeWx({ sandboxUrl, user, storage = new Map(), profile, shape = 'wx', platform = 'wechat' }) {
  const renameHeader = shape === 'uni' ? titleCase : (n) => n;
  const state = {
    /** every request sent: {method, path, status} (status undefined when it did not complete) */
    sent: [],
    /** every code wx.login() handed out, in order */
    codes: [],
    /** 'up', or 'down': requests fail before reaching the service */
    network: 'up',
    /** (params) => boolean: the matching request reaches the service, but its answer is lost once */
    loseAnswerOnce: null,
    lastPhoneLogin: null,
    /** requests and uploads running now, and the most that ever ran at once */
    inFlight: 0,
    maxInFlight: 0,
    /** (params) => milliseconds: the matching request's answer is held back this long */
    delay: null,
    /** 'ok', or 'full': setStorageSync throws as the platform does when storage is full; 'broken': reads throw too */
    storageMode: 'ok'
  };

  function finish(options, method, result) {
    if (result.fail) {
      if (typeof options.fail === 'function') options.fail(result.fail);
      if (typeof options.complete === 'function') options.complete(result.fail);
      return;
    }
    if (typeof options.success === 'function') options.success(result.ok);
    if (typeof options.complete === 'function') options.complete(result.ok);
  }

  async function send(kind, options, init) {
    const url = new URL(options.url);
    const record = { method: init.method, path: url.pathname, header: options.header || {}, body: typeof init.body === 'string' ? init.body : undefined };
    state.sent.push(record);
    if (state.network === 'down') {
      return { fail: { errMsg: `${kind}:fail -101:net::ERR_INTERNET_DISCONNECTED` } };
    }
    let res;
    let text;
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    try {
      res = await fetch(url, init);
      text = await res.text();
      const delay = state.delay && state.delay(options);
      if (delay) await new Promise((r) => setTimeout(r, delay));
    } catch (e) {
      return { fail: { errMsg: `${kind}:fail ${e.message}` } };
    } finally {
      state.inFlight--;
    }
    record.status = res.status;
    if (state.loseAnswerOnce && state.loseAnswerOnce(options)) {
      state.loseAnswerOnce = null;
      record.lost = true;
      return { fail: { errMsg: `${kind}:fail interrupted` } };
    }
    return { ok: { statusCode: res.status, header: plainHeaders(res.headers, renameHeader), text } };
  }

  const api = {
    login(options) {
      const asked = profile ? { user, profile } : { user };
      if (platform !== 'wechat') asked.platform = platform;
      sandboxPost(sandboxUrl, '/sandbox/phone/login', asked).then((phone) => {
        state.lastPhoneLogin = phone;
        state.codes.push(phone.code);
        const ok = shape === 'uni' ? { code: phone.code, errMsg: 'login:ok', authResult: { code: phone.code } } : { code: phone.code, errMsg: 'login:ok' };
        finish(options, 'login', { ok });
      }, (e) => finish(options, 'login', { fail: { errMsg: 'login:fail ' + e.message } }));
    },

    /** As wx.getUserInfo: the latest login's user info, encrypted with that login's session_key. */
    getUserInfo(options) {
      const phone = state.lastPhoneLogin;
      if (!phone) {
        finish(options, 'getUserInfo', { fail: { errMsg: 'getUserInfo:fail no login yet' } });
        return;
      }
      finish(options, 'getUserInfo', { ok: {
        errMsg: 'getUserInfo:ok', userInfo: phone.userInfo, rawData: phone.rawData, signature: phone.signature,
        encryptedData: phone.encryptedData, iv: phone.iv
      } });
    },

    request(options) {
      const method = (options.method || 'GET').toUpperCase();
      const header = { ...(options.header || {}) };
      let url = options.url;
      let body;
      if (options.data !== undefined && options.data !== null) {
        if (method === 'GET') {
          url += (url.includes('?') ? '&' : '?') + (typeof options.data === 'string' ? options.data : queryString(options.data));
        } else {
          if (!Object.keys(header).some((k) => k.toLowerCase() === 'content-type')) {
            header['content-type'] = 'application/json';
          }
          body = typeof options.data === 'string' ? options.data : JSON.stringify(options.data);
        }
      }
      send('request', { ...options, url }, { method, headers: header, body }).then((result) => {
        if (result.ok) {
          let data = result.ok.text;
          if (options.dataType !== 'text') {
            try { data = JSON.parse(data); } catch (e) { /* as the platform: left as a string */ }
          }
          result = { ok: { statusCode: result.ok.statusCode, header: result.ok.header, data, errMsg: 'request:ok' } };
        }
        finish(options, 'request', result);
      });
    },

    uploadFile(options) {
      let bytes;
      try {
        bytes = fs.readFileSync(options.filePath);
      } catch (e) {
        finish(options, 'uploadFile', { fail: { errMsg: 'uploadFile:fail file not found' } });
        return;
      }
      const form = new FormData();
      for (const [k, v] of Object.entries(options.formData || {})) form.append(k, String(v));
      form.append(options.name, new Blob([bytes]), path.basename(options.filePath));
      send('uploadFile', options, { method: 'POST', headers: { ...(options.header || {}) }, body: form }).then((result) => {
        if (result.ok) {
          // The platform hands the body over as a string, never parsed.
          const ok = { statusCode: result.ok.statusCode, data: result.ok.text, errMsg: 'uploadFile:ok' };
          if (shape !== 'uni') ok.header = result.ok.header;
          result = { ok };
        }
        finish(options, 'uploadFile', result);
      });
    },

    getStorageSync(key) {
      if (state.storageMode === 'broken') throw new Error('getStorageSync:fail storage is broken');
      return storage.has(key) ? structuredClone(storage.get(key)) : '';
    },
    setStorageSync(key, value) {
      if (state.storageMode !== 'ok') throw new Error('setStorageSync:fail exceed storage max size 10MB');
      storage.set(key, structuredClone(value));
    },
    removeStorageSync(key) {
      if (state.storageMode !== 'ok') throw new Error('removeStorageSync:fail storage is broken');
      storage.delete(key);
    }
  };
  return { api, state, storage };
}

module.exports = { nodeWx };
