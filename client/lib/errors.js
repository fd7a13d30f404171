'use strict';

/**
 * Every failure the SDK reports is a WxLoginError with a stable `code`: the service's own error
 * code when the service answered, or one of the SDK's (NETWORK_ERROR, WX_CALL_FAILED, LOGGED_OUT,
 * STORAGE_FAILED, ...) when it could not be asked or must not ask.
 */
class WxLoginError extends Error {
  constructor(code, message, details) {
    super(message || code);
    this.name = 'WxLoginError';
    this.code = code;
    if (details) {
      Object.assign(this, details);
    }
  }
}

/** The service answered with an error status; `code`, `status`, `messageZh` come from its body. */
class ApiError extends WxLoginError {
  constructor(code, message, details) {
    super(code, message, details);
    this.name = 'ApiError';
  }
}

/**
 * The request did not complete (no network, timeout, or "interrupted" because the app went to the
 * background). The login state is kept: this never logs the user out.
 */
class NetworkError extends WxLoginError {
  constructor(errMsg) {
    super('NETWORK_ERROR', errMsg || 'request:fail', {
      errMsg: errMsg || 'request:fail',
      messageZh: '网络连接失败，请检查网络后重试',
      interrupted: /interrupted/i.test(String(errMsg || ''))
    });
    this.name = 'NetworkError';
  }
}

/** A platform call such as wx.login() failed before the service was asked; nothing is cleared. */
class WxCallError extends WxLoginError {
  constructor(api, errMsg) {
    super('WX_CALL_FAILED', api + ': ' + (errMsg || 'fail'), { api: api, errMsg: errMsg || 'fail', messageZh: '微信接口调用失败，请稍后重试' });
    this.name = 'WxCallError';
  }
}

/**
 * The login state is gone for good: the refresh token was refused and a silent wx.login() re-login
 * was refused too. `code` is the service's answer to that re-login (or to the refresh, e.g.
 * USER_DISABLED); `cause` is the underlying ApiError.
 */
class AuthLostError extends WxLoginError {
  constructor(cause) {
    super(cause.code, cause.message, { status: cause.status, messageZh: cause.messageZh, cause: cause });
    this.name = 'AuthLostError';
  }
}

/**
 * The user logged out (here or in another client sharing the storage), or there is no login and
 * `autoLogin` is off: nothing that needs a token is sent until login() is called.
 */
class LoggedOutError extends WxLoginError {
  constructor() {
    super('LOGGED_OUT', 'Logged out: call login() first.', { messageZh: '已退出登录，请重新登录' });
    this.name = 'LoggedOutError';
  }
}

/**
 * The platform's storage refused a read or a write (full: 10 MB per mini program, 1 MB per key; or
 * broken). Never a rejection: it is the payload of the `storageError` event, and the SDK goes on
 * with the state it holds in memory.
 */
class StorageError extends WxLoginError {
  constructor(operation, cause) {
    const errMsg = cause && (cause.errMsg || cause.message) ? String(cause.errMsg || cause.message) : String(cause);
    super('STORAGE_FAILED', 'storage ' + operation + ' failed: ' + errMsg, { operation: operation, errMsg: errMsg, messageZh: '本地存储失败' });
    this.name = 'StorageError';
  }
}

/**
 * A scanned code's scene is not a web sign-in ticket (a code of something else, or the page opened
 * without one). Raised before any request; `scene` is the value as the page received it.
 */
class InvalidSceneError extends WxLoginError {
  constructor(scene) {
    super('WEB_LOGIN_SCENE_INVALID', 'The scene is not a web sign-in ticket.', { scene: scene });
    this.name = 'InvalidSceneError';
  }
}

module.exports = { WxLoginError, ApiError, NetworkError, WxCallError, AuthLostError, LoggedOutError, StorageError, InvalidSceneError };
