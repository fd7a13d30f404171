// For the sandbox dev flow only: a `wx` whose login() asks the sandbox WeChat's simulated phone for a
// code (POST /sandbox/phone/login), as the phone's wx.login() would ask WeChat. Everything else is
// the real `wx`. Never ship this: against real WeChat, pass the real `wx` (the SDK's default).

function sandboxWx(wx, phoneUrl, user = 'devtools') {
  function askForCode() {
    return new Promise((resolve, reject) => {
      wx.request({
        url: `${phoneUrl}/sandbox/phone/login`,
        method: 'POST',
        data: { user },
        success: (res) => {
          if (res.statusCode === 200 && res.data && res.data.code) {
            resolve({ code: res.data.code, errMsg: 'login:ok' })
          } else {
            reject({ errMsg: `login:fail sandbox answered ${res.statusCode}` })
          }
        },
        fail: reject,
      })
    })
  }

  const simulated = Object.create(wx)
  // Like wx.login(): callbacks when given, else a promise.
  simulated.login = (options = {}) => {
    const code = askForCode()
    if (!options.success && !options.fail) return code
    code.then(
      (res) => options.success && options.success(res),
      (err) => options.fail && options.fail(err),
    )
  }
  return simulated
}

module.exports = { sandboxWx }
