const { sandboxWx } = require('../miniprogram/lib/sandbox-wx')

// A wx whose request() answers like the sandbox's simulated phone, recording what it was asked.
function wxAnswering(answer) {
  return {
    request: jest.fn((options) => answer(options)),
    getStorageSync: jest.fn(),
  }
}

// How the SDK calls it: wx.login({ success, fail }).
function loginWithCallbacks(wx) {
  return new Promise((success, fail) => wx.login({ success, fail }))
}

test('login asks the simulated phone for a code', async () => {
  const wx = wxAnswering(({ success }) => success({ statusCode: 200, data: { code: 'sandbox-code-1', openid: 'o1' } }))

  const result = await loginWithCallbacks(sandboxWx(wx, 'http://127.0.0.1:9010', 'alice'))

  expect(result).toEqual({ code: 'sandbox-code-1', errMsg: 'login:ok' })
  const [request] = wx.request.mock.calls[0]
  expect(request).toMatchObject({ url: 'http://127.0.0.1:9010/sandbox/phone/login', method: 'POST', data: { user: 'alice' } })
})

test('each login asks for a fresh code, as a promise when no callbacks are given', async () => {
  let issued = 0
  const wx = wxAnswering(({ success }) => success({ statusCode: 200, data: { code: `code-${++issued}` } }))
  const simulated = sandboxWx(wx, 'http://127.0.0.1:9010')

  const first = await simulated.login()
  const second = await simulated.login()

  expect([first.code, second.code]).toEqual(['code-1', 'code-2'])
})

test('a sandbox that refuses, or cannot be reached, fails the login', async () => {
  const refusing = sandboxWx(wxAnswering(({ success }) => success({ statusCode: 400, data: {} })), 'http://127.0.0.1:9010')
  await expect(loginWithCallbacks(refusing)).rejects.toEqual({ errMsg: 'login:fail sandbox answered 400' })

  const unreachable = sandboxWx(wxAnswering(({ fail }) => fail({ errMsg: 'request:fail' })), 'http://127.0.0.1:9010')
  await expect(loginWithCallbacks(unreachable)).rejects.toEqual({ errMsg: 'request:fail' })
  await expect(unreachable.login()).rejects.toEqual({ errMsg: 'request:fail' })
})

test('everything but login is the real wx', () => {
  const wx = wxAnswering(() => {})

  const simulated = sandboxWx(wx, 'http://127.0.0.1:9010')

  expect(simulated.request).toBe(wx.request)
  expect(simulated.getStorageSync).toBe(wx.getStorageSync)
})
