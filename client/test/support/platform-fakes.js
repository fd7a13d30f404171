'use strict';

// Node stand-ins for the other platforms' own objects, in their documented shapes, over the same real
// HTTP (fetch) and storage as node-wx.js, with codes from the sandbox's simulated phone:
// - tt (Douyin): WeChat's request/storage shapes; tt.login({force}) answers {code, anonymousCode,
//   isLogin}; a user not logged in to the Douyin app gets only anonymousCode, or, with force (the
//   default), the app's login window, which this user cancels: fail.
// - qq (QQ): WeChat's shapes throughout; codes from the sandbox's QQ phone.
// - my (Alipay): no login(); my.getAuthCode({scopes}) answers {authCode, authSuccessScopes};
//   my.request takes `headers` and `dataType`, answers {data, status, headers}, and fails with
//   {error: 19, errorMessage, status, data, headers} for a status outside 2xx and {error: 12, ...}
//   when the network fails; my.*StorageSync take {key[, data]}, answer {data}, and return their
//   failures ({error, errorMessage}) instead of throwing.

const { nodeWx } = require('./node-wx');
const { sandboxPost } = require('./service');

function settle(options, outcome) {
  const callback = outcome.fail ? options.fail : options.success;
  const value = outcome.fail || outcome.ok;
  if (typeof callback === 'function') callback(value);
  if (typeof options.complete === 'function') options.complete(value);
}

/** Douyin's tt. `state.hostLoggedIn = false` stands for a user not logged in to the Douyin app. */
function nodeTt({ sandboxUrl, user, storage }) {
  const base = nodeWx({ sandboxUrl, user, storage });
  base.state.hostLoggedIn = true;
  base.state.loginOptions = [];
  base.state.phoneLogins = [];
  const api = { ...base.api };
  delete api.getUserInfo;
  api.login = (options = {}) => {
    const force = options.force !== false;
    base.state.loginOptions.push({ force });
    if (!base.state.hostLoggedIn && force) {
      setImmediate(() => settle(options, { fail: { errMsg: 'login:fail host login fail' } }));
      return;
    }
    sandboxPost(sandboxUrl, '/sandbox/phone/login', { platform: 'douyin', user, hostLoggedIn: base.state.hostLoggedIn }).then((phone) => {
      base.state.phoneLogins.push(phone);
      const ok = { errMsg: 'login:ok', anonymousCode: phone.anonymousCode, isLogin: base.state.hostLoggedIn };
      if (phone.code) ok.code = phone.code;
      settle(options, { ok });
    }, (e) => settle(options, { fail: { errMsg: 'login:fail network unavailable ' + e.message } }));
  };
  return { api, state: base.state, storage: base.storage };
}

/** QQ's qq: WeChat's shapes, QQ's codes. */
function nodeQq({ sandboxUrl, user, storage }) {
  return nodeWx({ sandboxUrl, user, storage, platform: 'qq' });
}

/**
 * Alipay's my. `authCodes` gives each my.getAuthCode() its code: by default the sandbox's Alipay
 * phone (POST /sandbox/phone/login with platform "alipay").
 */
function nodeMy({ sandboxUrl, user, storage, authCodes }) {
  const base = nodeWx({ sandboxUrl, user, storage });
  const state = base.state;
  state.authCodeRequests = [];
  state.authCodes = [];
  const nextAuthCode = authCodes || (() => sandboxPost(sandboxUrl, '/sandbox/phone/login', { platform: 'alipay', user }).then((phone) => phone.authCode));

  function storageFailure() {
    return { success: false, error: 12, errorMessage: 'storage total size reaches the limit' };
  }

  const api = {
    getAuthCode(options = {}) {
      state.authCodeRequests.push({ scopes: options.scopes });
      nextAuthCode().then((authCode) => {
        state.authCodes.push(authCode);
        settle(options, { ok: { authCode, authSuccessScopes: [].concat(options.scopes || 'auth_base'), authErrorScopes: {} } });
      }, (e) => settle(options, { fail: { error: 11, errorMessage: e.message } }));
    },

    request(options) {
      base.api.request({
        url: options.url, method: options.method, data: options.data, dataType: options.dataType, header: options.headers,
        success(res) {
          const answer = { data: res.data, status: res.statusCode, headers: res.header };
          settle(options, res.statusCode >= 200 && res.statusCode < 300
            ? { ok: answer }
            : { fail: { error: 19, errorMessage: 'http status error', ...answer } });
        },
        fail() {
          settle(options, { fail: { error: 12, errorMessage: 'network error' } });
        }
      });
    },

    uploadFile(options) {
      base.api.uploadFile({
        url: options.url, filePath: options.filePath, name: options.fileName, header: options.header, formData: options.formData,
        success(res) {
          settle(options, { ok: { data: res.data, statusCode: res.statusCode, header: res.header } });
        },
        fail() {
          settle(options, { fail: { error: 12, errorMessage: 'network error' } });
        }
      });
    },

    getStorageSync({ key }) {
      if (state.storageMode === 'broken') return storageFailure();
      return { data: base.storage.has(key) ? structuredClone(base.storage.get(key)) : null };
    },
    setStorageSync({ key, data }) {
      if (state.storageMode !== 'ok') return storageFailure();
      base.storage.set(key, structuredClone(data));
      return { success: true };
    },
    removeStorageSync({ key }) {
      if (state.storageMode !== 'ok') return storageFailure();
      base.storage.delete(key);
      return { success: true };
    }
  };
  return { api, state, storage: base.storage };
}

module.exports = { nodeTt, nodeQq, nodeMy };
