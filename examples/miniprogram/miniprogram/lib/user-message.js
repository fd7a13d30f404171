// What the user reads when a call fails. The SDK rejects with an Error carrying a stable `code`: the
// service's error code (with its Chinese message as `messageZh`), NETWORK_ERROR when the request never
// completed, or WX_CALL_FAILED when wx.login() itself failed. The code is always kept beside the text,
// so a user can quote it to support.

const TEXTS = {
  NETWORK_ERROR: '网络连接失败，请检查网络后重试',
  WX_CALL_FAILED: '微信登录失败，请稍后重试',
  PRIVACY_NOT_AUTHORIZED: '请先阅读并同意隐私保护指引',
  // errno 112: the mini program's privacy guide (mp.weixin.qq.com → 用户隐私保护指引) does not declare this use.
  PRIVACY_SCOPE_UNDECLARED: '小程序尚未在隐私保护指引中声明此项信息的用途，暂时无法使用，请联系开发者',
  NICKNAME_REJECTED: '该昵称未通过微信安全检测，请换一个',
  LOGGED_OUT: '你已退出登录',
  WX_PHONE_CODE_INVALID: '手机号授权已失效，请重新点击获取手机号',
  PHONE_CODE_OTHER_USER: '该手机号授权已被其他账号使用',
  PHONE_CODE_IN_PROGRESS: '手机号正在验证中，请稍后再试',
  AVATAR_TOO_LARGE: '头像图片过大，请换一张小一些的图片',
  AVATAR_UNSUPPORTED_TYPE: '头像仅支持 JPEG、PNG 或 WebP 图片',
  INVALID_FIELD: '填写的内容不符合要求，请修改后重试',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  WX_RATE_LIMITED: '登录过于频繁，请一分钟后再试',
  WEB_LOGIN_SCENE_INVALID: '这不是网页登录的二维码，请扫描网页上显示的二维码',
  WEB_LOGIN_TICKET_UNKNOWN: '二维码无效，请在网页上刷新后重新扫码',
  WEB_LOGIN_TICKET_EXPIRED: '二维码已过期，请在网页上刷新',
  WEB_LOGIN_TICKET_USED: '二维码已使用，请在网页上刷新后重新扫码',
  WEB_LOGIN_TICKET_OTHER_USER: '该二维码已被其他微信用户扫描',
}

/** `{ text, code }` for an error from the SDK (or one of the page's own, with a `code`). */
function userMessage(err) {
  const code = (err && err.code) || 'UNKNOWN_ERROR'
  if (TEXTS[code]) return { text: TEXTS[code], code }
  // The service answers every error with a Chinese message of its own.
  return { text: (err && err.messageZh) || '操作失败，请稍后再试', code }
}

module.exports = { userMessage }
