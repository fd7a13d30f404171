// For the sandbox dev flow only: a `wx` whose login() asks the sandbox WeChat's simulated phone for a
// code (POST /sandbox/phone/login), as the phone's wx.login() would ask WeChat. Everything else is
// the real `wx`. Never ship this: against real WeChat, pass the real `wx` (the SDK's default).

function sandboxWx(wx, phoneUrl, user = 'devtools') {
  const simulated = Object.create(wx)
  simulated.login = (options = {}) =>
    new Promise((resolve, reject) => {
      wx.request({
        url: `${phoneUrl}/sandbox/phone/login`,
        method: 'POST',
        data: { user },
        success: (res) => {
          if (res.statusCode === 200 && res.data && res.data.code) {
            const result = { code: res.data.code, errMsg: 'login:ok' }
            if (options.success) options.success(result)
            resolve(result)
          } else {
            fail({ errMsg: `login:fail sandbox answered ${res.statusCode}` })
          }
        },
        fail,
      })
      function fail(error) {
        if (options.fail) options.fail(error)
        reject(error)
      }
    })
  return simulated
}

module.exports = { sandboxWx }
