// Where this mini program finds its wxlogin service. Edit these two lines for your setup.
module.exports = {
  // Your wxlogin service. A real release needs an https:// domain listed in the mini program's
  // request and uploadFile domains; DevTools accepts this address while urlCheck is off.
  baseUrl: 'http://127.0.0.1:8080',

  // Sandbox only (WXLOGIN_SANDBOX=true): the sandbox WeChat's simulated phone. When set, login codes
  // come from it, because the service's sandbox knows only the codes it issued itself, not those
  // of DevTools' wx.login(). Leave empty against real WeChat.
  sandboxPhoneUrl: '',
}
