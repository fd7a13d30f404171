const { createClient } = require('wxlogin-miniprogram')
const config = require('./config')
const { sandboxWx } = require('./lib/sandbox-wx')
const { userMessage } = require('./lib/user-message')

App({
  // The one wxlogin client of the app; pages reach it as getApp().wxlogin.
  wxlogin: createClient({
    baseUrl: config.baseUrl,
    wx: config.sandboxPhoneUrl ? sandboxWx(wx, config.sandboxPhoneUrl) : wx,
    // The refresh token is gone and a silent re-login failed too.
    onAuthLost: (err) => wx.showToast({ title: `登录已失效（${userMessage(err).code}）`, icon: 'none' }),
  }),

  onLaunch() {
    // Silent login: no button, no prompt. A failure (offline, WeChat busy) is shown, the app goes on,
    // and the home page offers to try again.
    // After 退出登录 (in this run or an earlier one) there is no silent login: LOGGED_OUT is no failure,
    // the home page offers 登录.
    this.wxlogin.ensureLogin().catch((err) => {
      if (err.code !== 'LOGGED_OUT') wx.showToast({ title: `登录失败（${userMessage(err).code}）`, icon: 'none' })
    })
  },
})
