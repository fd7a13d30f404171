// app.js with the real SDK against the real service: the one client, created with the service's
// address, and the silent login at launch. The global wx is the Node platform object (login, requests,
// storage) with the recording UI calls (toasts) of recording-wx.js.

const { randomUUID } = require('crypto')
const { nodeWx } = require('../../../client/test/support/node-wx')
const { recordingWx, toasts } = require('./support/recording-wx')
const { failNextLogin } = require('./support/phone')

let app
let phone

function launchApp({ sandboxPhoneUrl = '', storage } = {}) {
  jest.resetModules()
  phone = nodeWx({ sandboxUrl: process.env.WXLOGIN_TEST_SANDBOX_URL, user: `app-${randomUUID()}`, storage })
  jest.doMock('../miniprogram/config', () => ({ baseUrl: process.env.WXLOGIN_TEST_BASE_URL, sandboxPhoneUrl }))
  global.wx = Object.assign(recordingWx(), phone.api)
  global.App = (definition) => {
    app = definition
  }
  require('../miniprogram/app')
}

/** Until the launch's login (or its failure) has run its course. */
async function settled(check) {
  for (let waited = 0; waited < 10000 && !check(); waited += 20) await new Promise((r) => setTimeout(r, 20))
}

test('launch logs in silently, once, and pages find the client on the app', async () => {
  launchApp()

  app.onLaunch()
  await settled(() => phone.storage.has('wxlogin'))

  expect(phone.state.codes).toHaveLength(1)
  expect(phone.state.sent.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /api/v1/login 200'])
  expect((await app.wxlogin.me()).openid).toBeTruthy()
  expect(toasts(global.wx)).toEqual([])
})

test('a launch login that fails offline is shown with its code and does not throw', async () => {
  launchApp()
  phone.state.network = 'down'

  // Jest also fails this test if the rejection goes unhandled.
  expect(() => app.onLaunch()).not.toThrow()
  await settled(() => toasts(global.wx).length > 0)

  expect(toasts(global.wx)).toEqual(['登录失败（NETWORK_ERROR）'])
})

test('after 退出登录 in an earlier run, the launch does not log in and says nothing', async () => {
  const storage = new Map([['wxlogin', { loggedOut: true }]])
  launchApp({ storage })

  app.onLaunch()
  await new Promise((r) => setTimeout(r, 200))

  expect(phone.state.sent).toEqual([])
  expect(toasts(global.wx)).toEqual([])
  await expect(app.wxlogin.request({ url: '/api/v1/me' })).rejects.toMatchObject({ code: 'LOGGED_OUT' })
})

test('a lost login (refresh and silent re-login both refused) is shown', async () => {
  launchApp()
  app.onLaunch()
  await settled(() => phone.storage.has('wxlogin'))
  // Every login of this user ended elsewhere, the token is due, and WeChat blocks the re-login.
  const stored = phone.storage.get('wxlogin')
  await fetch(`${process.env.WXLOGIN_TEST_BASE_URL}/api/v1/logout/all`, {
    method: 'POST', headers: { Authorization: `Bearer ${stored.accessToken}` },
  })
  phone.storage.set('wxlogin', { ...stored, expiresAt: Date.now() - 1000 })
  await failNextLogin(40226)

  await expect(app.wxlogin.request({ url: '/api/v1/me' })).rejects.toMatchObject({ name: 'AuthLostError' })

  expect(toasts(global.wx)).toEqual(['登录已失效（WX_USER_BLOCKED）'])
})

test('with a sandbox phone configured, login codes come from the sandbox', async () => {
  launchApp({ sandboxPhoneUrl: process.env.WXLOGIN_TEST_SANDBOX_URL })

  app.onLaunch()
  await settled(() => phone.storage.has('wxlogin'))

  expect(phone.state.codes).toEqual([])
  expect(phone.state.sent.map((r) => r.path)).toEqual(['/sandbox/phone/login', '/api/v1/login'])
  expect(phone.state.sent[1].status).toBe(200)
})
