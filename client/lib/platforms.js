'use strict';

/** The mini-program platforms the SDK logs in on. */
const PLATFORMS = ['douyin', 'alipay', 'qq', 'wechat'];

/**
 * The platform whose base library defines its global here, with that global; null when none does.
 * Bare names, not globalThis: a base library may hand its global to each module as a variable of the
 * module's wrapper only. QQ's own global is looked for before WeChat's, since QQ may answer to `wx` too.
 */
function detectPlatform() {
  /* eslint-disable no-undef */
  if (typeof tt !== 'undefined' && tt) {
    return { platform: 'douyin', api: tt };
  }
  if (typeof my !== 'undefined' && my) {
    return { platform: 'alipay', api: my };
  }
  if (typeof qq !== 'undefined' && qq) {
    return { platform: 'qq', api: qq };
  }
  if (typeof wx !== 'undefined' && wx) {
    return { platform: 'wechat', api: wx };
  }
  /* eslint-enable no-undef */
  return null;
}

/**
 * Whether `api` is Alipay's own `my`, not uni-app's or Taro's object on Alipay: `my` logs in with
 * getAuthCode() and has no login(), which the frameworks add in WeChat's shape.
 */
function isAlipayNative(api) {
  return typeof api.getAuthCode === 'function' && typeof api.login !== 'function';
}

/** A failure of my.* in Alipay's shape ({error, errorMessage}) as the WeChat-shaped {errMsg} the SDK reads. */
function alipayFailure(name, err) {
  if (err && typeof err === 'object' && err.errMsg === undefined && (err.error !== undefined || err.errorMessage !== undefined)) {
    return Object.assign({}, err, { errMsg: name + ':fail ' + (err.errorMessage || '') + (err.error !== undefined ? ' (error ' + err.error + ')' : '') });
  }
  return err;
}

/**
 * Alipay's my.request fails with error 19 (and 14 when a JSON body does not parse) when the server
 * answered, carrying `status`, `headers` and `data`: that is the service's answer, not a lost request.
 */
function answerInFailure(err) {
  if (!err || typeof err !== 'object') {
    return null;
  }
  const status = typeof err.status === 'number' ? err.status : err.statusCode;
  if (typeof status !== 'number' || status <= 0) {
    return null;
  }
  return { statusCode: status, header: err.headers || err.header || {}, data: err.data };
}

/** A WeChat-shaped answer of request/uploadFile, whichever platform (or framework) gave it. */
function normalizedAnswer(res) {
  return {
    statusCode: typeof res.statusCode === 'number' ? res.statusCode : res.status,
    header: res.header || res.headers || {},
    data: res.data
  };
}

/**
 * Calls one callback-style API: settles with its success result, or rejects with its failure.
 * Taro's wrapped APIs also return a promise that rejects on failure: the callbacks already
 * reported it, so that promise must not become an unhandled rejection.
 */
function invoke(api, name, options, onMissing) {
  return new Promise(function (resolve, reject) {
    if (!api || typeof api[name] !== 'function') {
      reject(onMissing(name));
      return;
    }
    const returned = api[name](Object.assign({}, options, {
      success: resolve,
      fail: function (err) {
        reject(err || { errMsg: name + ':fail' });
      }
    }));
    if (returned && typeof returned.then === 'function') {
      returned.then(undefined, function () {});
    }
  });
}

/**
 * The one face the client talks to on every platform: WeChat's shapes in and out.
 *
 * - login() resolves the platform's login credentials: {code} on WeChat and QQ, {code, anonymousCode}
 *   on Douyin (tt.login; only anonymousCode when the user is not logged in to the host app and
 *   `force` is off), {authCode} on Alipay (my.getAuthCode with the silent auth_base scope).
 * - request()/uploadFile() take WeChat's params (header) and resolve {statusCode, header, data}.
 * - get/set/removeStorage are WeChat's *StorageSync(key[, value]); on Alipay's my they become
 *   my.*StorageSync({key, data}), whose failures are returned rather than thrown.
 *
 * @param {string} platform 'wechat' | 'douyin' | 'alipay' | 'qq'
 * @param {object} api      the platform's own object, or uni-app's / Taro's (already WeChat-shaped)
 * @param {object} settings {douyinForceLogin: boolean}
 * @param {function} onMissing (apiName) => the error for an API the object lacks
 */
function platformAdapter(platform, api, settings, onMissing) {
  const alipayNative = platform === 'alipay' && isAlipayNative(api);

  function login() {
    if (platform === 'alipay') {
      // uni-app and Taro map their login() on Alipay to my.getAuthCode and hand the authCode over as code.
      const name = alipayNative ? 'getAuthCode' : 'login';
      return invoke(api, name, { scopes: 'auth_base' }, onMissing).then(function (res) {
        const authCode = res && (res.authCode || res.code);
        return authCode ? { authCode: authCode } : null;
      }, function (err) {
        throw alipayFailure(name, err);
      });
    }
    const options = platform === 'douyin' ? { force: !!settings.douyinForceLogin } : {};
    return invoke(api, 'login', options, onMissing).then(function (res) {
      if (!res) {
        return null;
      }
      if (platform === 'douyin') {
        if (!res.code && !res.anonymousCode) {
          return null;
        }
        const credentials = {};
        if (res.code) {
          credentials.code = res.code;
        }
        if (res.anonymousCode) {
          credentials.anonymousCode = res.anonymousCode;
        }
        return credentials;
      }
      return res.code ? { code: res.code } : null;
    });
  }

  function http(kind, params) {
    let sent = params;
    if (alipayNative) {
      // my.request names its headers `headers`; my.uploadFile wants fileName and fileType for the part.
      sent = Object.assign({}, params, { headers: params.header });
      if (kind === 'uploadFile') {
        sent.fileName = params.name;
        sent.fileType = params.fileType || 'image';
      }
    }
    return invoke(api, kind, sent, onMissing).then(normalizedAnswer, function (err) {
      const answer = answerInFailure(err);
      if (answer) {
        return answer;
      }
      throw alipayFailure(kind, err);
    });
  }

  /** Alipay's my.*StorageSync report failures in what they return: {error, errorMessage}, maybe success:false. */
  function checkedAlipay(name, result) {
    if (result && typeof result === 'object' && (result.success === false || result.error !== undefined)) {
      throw new Error(name + ':fail ' + (result.errorMessage || '') + ' (error ' + result.error + ')');
    }
    return result;
  }

  const storage = alipayNative ? {
    get: function (key) {
      const result = checkedAlipay('getStorageSync', api.getStorageSync({ key: key }));
      return result && result.data != null ? result.data : '';
    },
    set: function (key, value) {
      checkedAlipay('setStorageSync', api.setStorageSync({ key: key, data: value }));
    },
    remove: function (key) {
      checkedAlipay('removeStorageSync', api.removeStorageSync({ key: key }));
    }
  } : {
    get: function (key) {
      return api.getStorageSync(key);
    },
    set: function (key, value) {
      api.setStorageSync(key, value);
    },
    remove: function (key) {
      if (typeof api.removeStorageSync === 'function') {
        api.removeStorageSync(key);
      } else {
        api.setStorageSync(key, '');
      }
    }
  };

  return {
    platform: platform,
    login: login,
    request: function (params) {
      return http('request', params);
    },
    uploadFile: function (params) {
      return http('uploadFile', params);
    },
    call: function (name, options) {
      return invoke(api, name, options, onMissing);
    },
    storage: storage
  };
}

module.exports = { PLATFORMS, detectPlatform, platformAdapter };
