'use strict';

/**
 * Every failure the SDK reports is a WxLoginError with a stable `code`: the service's own error
 * code when the service answered, or one of the SDK's (NETWORK_ERROR, WX_CALL_FAILED) when it could
 * not be asked.
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
      interrupted: /interrupted/i.test(String(errMsg || ''))
    });
    this.name = 'NetworkError';
  }
}

/** A platform call such as wx.login() failed before the service was asked; nothing is cleared. */
class WxCallError extends WxLoginError {
  constructor(api, errMsg) {
    super('WX_CALL_FAILED', api + ': ' + (errMsg || 'fail'), { api: api, errMsg: errMsg || 'fail' });
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
 * A scanned code's scene is not a web sign-in ticket (a code of something else, or the page opened
 * without one). Raised before any request; `scene` is the value as the page received it.
 */
class InvalidSceneError extends WxLoginError {
  constructor(scene) {
    super('WEB_LOGIN_SCENE_INVALID', 'The scene is not a web sign-in ticket.', { scene: scene });
    this.name = 'InvalidSceneError';
  }
}

module.exports = { WxLoginError, ApiError, NetworkError, WxCallError, AuthLostError, InvalidSceneError };
