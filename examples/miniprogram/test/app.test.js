// app.js: the one client, created with the service's address, and the silent login at launch.
// The SDK is replaced by a recording client (a virtual module: the SDK need not be installed).

const { recordingClient, apiError, networkError } = require('./support/recording-client')
const { recordingWx, toasts } = require('./support/recording-wx')

let createClient
let client
let app

function launchApp({ sandboxPhoneUrl = '' } = {}) {
  jest.resetModules()
  client = recordingClient()
  createClient = jest.fn(() => client)
  jest.doMock('wxlogin-miniprogram', () => ({ createClient }), { virtual: true })
  jest.doMock('../miniprogram/config', () => ({ baseUrl: 'https://login.example.com', sandboxPhoneUrl }))
  global.wx = recordingWx()
  global.App = (definition) => {
    app = definition
  }
  require('../miniprogram/app')
}

function settle() {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

test('one client is created for the configured service with the real wx, and pages find it on the app', () => {
  launchApp()

  expect(createClient).toHaveBeenCalledTimes(1)
  const options = createClient.mock.calls[0][0]
  expect(options.baseUrl).toBe('https://login.example.com')
  expect(options.wx).toBe(global.wx)
  expect(app.wxlogin).toBe(client)
})

test('launch logs in silently, once', async () => {
  launchApp()

  app.onLaunch()
  await settle()

  expect(client.ensureLogin).toHaveBeenCalledTimes(1)
  expect(client.login).not.toHaveBeenCalled()
  expect(toasts(global.wx)).toEqual([])
})

test('a launch login that fails is shown with its code and does not throw', async () => {
  launchApp()
  client.ensureLogin.mockRejectedValueOnce(networkError())

  // Jest also fails this test if the rejection goes unhandled.
  expect(() => app.onLaunch()).not.toThrow()
  await settle()

  expect(toasts(global.wx)).toEqual(['登录失败（NETWORK_ERROR）'])
})

test('a lost login (refresh and silent re-login both failed) is shown', () => {
  launchApp()

  createClient.mock.calls[0][0].onAuthLost(apiError('REFRESH_TOKEN_REUSED', 401))

  expect(toasts(global.wx)).toEqual(['登录已失效（REFRESH_TOKEN_REUSED）'])
})

test('with a sandbox phone configured, login codes come from the sandbox', () => {
  launchApp({ sandboxPhoneUrl: 'http://127.0.0.1:9010' })

  const sandboxWx = createClient.mock.calls[0][0].wx
  expect(sandboxWx).not.toBe(global.wx)
  expect(Object.getPrototypeOf(sandboxWx)).toBe(global.wx)
})
