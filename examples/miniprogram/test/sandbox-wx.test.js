const { sandboxWx } = require('../miniprogram/lib/sandbox-wx')

// A wx whose request() answers like the sandbox's simulated phone, recording what it was asked.
function wxAnswering(answer) {
  return {
    request: jest.fn((options) => answer(options)),
    getStorageSync: jest.fn(),
  }
}

test('login asks the simulated phone for a code, as the promise and the callbacks', async () => {
  const wx = wxAnswering(({ success }) => success({ statusCode: 200, data: { code: 'sandbox-code-1', openid: 'o1' } }))
  const success = jest.fn()

  const result = await sandboxWx(wx, 'http://127.0.0.1:9010', 'alice').login({ success })

  expect(result).toEqual({ code: 'sandbox-code-1', errMsg: 'login:ok' })
  expect(success).toHaveBeenCalledWith(result)
  const [request] = wx.request.mock.calls[0]
  expect(request).toMatchObject({ url: 'http://127.0.0.1:9010/sandbox/phone/login', method: 'POST', data: { user: 'alice' } })
})

test('each login asks for a fresh code', async () => {
  let issued = 0
  const wx = wxAnswering(({ success }) => success({ statusCode: 200, data: { code: `code-${++issued}` } }))
  const simulated = sandboxWx(wx, 'http://127.0.0.1:9010')

  const first = await simulated.login()
  const second = await simulated.login()

  expect([first.code, second.code]).toEqual(['code-1', 'code-2'])
})

test('a sandbox that refuses, or cannot be reached, fails the login', async () => {
  const refusing = sandboxWx(wxAnswering(({ success }) => success({ statusCode: 400, data: {} })), 'http://127.0.0.1:9010')
  const fail = jest.fn()
  await expect(refusing.login({ fail })).rejects.toEqual({ errMsg: 'login:fail sandbox answered 400' })
  expect(fail).toHaveBeenCalledWith({ errMsg: 'login:fail sandbox answered 400' })

  const unreachable = sandboxWx(wxAnswering(({ fail: f }) => f({ errMsg: 'request:fail' })), 'http://127.0.0.1:9010')
  await expect(unreachable.login()).rejects.toEqual({ errMsg: 'request:fail' })
})

test('everything but login is the real wx', () => {
  const wx = wxAnswering(() => {})

  const simulated = sandboxWx(wx, 'http://127.0.0.1:9010')

  expect(simulated.request).toBe(wx.request)
  expect(simulated.getStorageSync).toBe(wx.getStorageSync)
})
