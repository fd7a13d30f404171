'use strict';

/**
 * POST /api/v1/login: the versioned login the SDK uses unless told otherwise. WeChat's body is
 * {code}; the other platforms name themselves beside their credentials: {platform: "douyin", code?,
 * anonymousCode?}, {platform: "alipay", authCode}, {platform: "qq", code}.
 */
const versionedLogin = {
  path: '/api/v1/login',
  withUserInfo: false,
  body: function (credentials, userInfo, platform) {
    if (!platform || platform === 'wechat') {
      return { code: credentials.code };
    }
    return Object.assign({ platform: platform }, credentials);
  },
  user: function (data) {
    return data.user || null;
  },
  result: function (data) {
    return { user: data.user || null, newUser: !!data.newUser };
  }
};

/**
 * The opt-in adapter for the compatible POST /user/wxlogin endpoint that existing mini programs
 * already call: {platCode, platUserInfoMap} in, {code:200, msg, userinfo, ...tokens} out.
 *
 * With `withUserInfo`, every login attempt calls wx.getUserInfo() right after its wx.login(), so
 * the encrypted data is made with that attempt's session_key (data from before a newer wx.login()
 * no longer decrypts). A getUserInfo() that fails (e.g. privacy not agreed, errno 104) does not stop
 * the login: the user info is optional for the service.
 */
function compatLogin(options) {
  const settings = options || {};
  return {
    path: settings.path || '/user/wxlogin',
    withUserInfo: !!settings.withUserInfo,
    wechatOnly: true,
    body: function (credentials, userInfo) {
      const body = { platCode: credentials.code };
      if (userInfo) {
        body.platUserInfoMap = userInfo;
      }
      return body;
    },
    // The endpoint answers WeChat's userinfo shape, not our user: me() fetches ours when needed.
    user: function () {
      return null;
    },
    result: function (data) {
      return { user: null, newUser: undefined, userinfo: data.userinfo || null };
    }
  };
}

module.exports = { versionedLogin, compatLogin };
