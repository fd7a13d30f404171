const { loadPage, renderPage, settle, textOf, attrOf } = require('./support/render-page')
const { recordingClient, apiError, networkError, wxCallError } = require('./support/recording-client')
const { recordingWx } = require('./support/recording-wx')

const pageId = loadPage('index')

test('shows the user that the silent login at launch got', async () => {
  const client = recordingClient()
  const page = renderPage(pageId, { client, wx: recordingWx() })
  expect(textOf(page, '.status')).toBe('正在登录…')

  await settle()

  expect(client.ensureLogin).toHaveBeenCalledTimes(1)
  expect(client.me).toHaveBeenCalledTimes(1)
  expect(client.login).not.toHaveBeenCalled()
  expect(textOf(page, '.name')).toBe('Alice')
  expect(page.dom.textContent).toContain('用户 ID：246068969450193')
  expect(page.dom.textContent).toContain('手机号：未绑定')
  expect(attrOf(page, '.avatar', 'src')).toBe('http://127.0.0.1:8080/avatars/alice.png')
  expect(page.querySelector('.message')).toBeUndefined()
})

test('a login that fails offline says so with a code, and 重试 logs in again', async () => {
  const client = recordingClient()
  client.ensureLogin.mockRejectedValueOnce(networkError())
  const page = renderPage(pageId, { client, wx: recordingWx() })
  await settle()

  expect(textOf(page, '.message-text')).toBe('网络连接失败，请检查网络后重试')
  expect(textOf(page, '.message-code')).toBe('错误码：NETWORK_ERROR')
  expect(client.me).not.toHaveBeenCalled()
  expect(page.querySelector('.name')).toBeUndefined()

  page.querySelector('.retry').dispatchEvent('tap')
  await settle()

  expect(client.ensureLogin).toHaveBeenCalledTimes(2)
  expect(textOf(page, '.name')).toBe('Alice')
  expect(page.querySelector('.message')).toBeUndefined()
})

test('an error the page has no text for shows the service\'s own Chinese message and code', async () => {
  const client = recordingClient()
  client.ensureLogin.mockRejectedValueOnce(apiError('WX_CONFIG_REJECTED', 502, '服务端微信配置错误'))
  const page = renderPage(pageId, { client, wx: recordingWx() })
  await settle()

  expect(textOf(page, '.message-text')).toBe('服务端微信配置错误')
  expect(textOf(page, '.message-code')).toBe('错误码：WX_CONFIG_REJECTED')
})

test('wx.login() itself failing is told apart from the network', async () => {
  const client = recordingClient()
  client.ensureLogin.mockRejectedValueOnce(wxCallError())
  const page = renderPage(pageId, { client, wx: recordingWx() })
  await settle()

  expect(textOf(page, '.message-text')).toBe('微信登录失败，请稍后重试')
  expect(textOf(page, '.message-code')).toBe('错误码：WX_CALL_FAILED')
})

test('coming back to the page shows what changed meanwhile', async () => {
  const client = recordingClient()
  const page = renderPage(pageId, { client, wx: recordingWx() })
  await settle()
  client.me.mockResolvedValueOnce({ id: 1, nickname: 'Kim', avatarUrl: null, phone: { phoneNumber: '138****5678' } })

  page.instance.onShow()
  await settle()

  expect(client.me).toHaveBeenCalledTimes(2)
  expect(textOf(page, '.name')).toBe('Kim')
  expect(page.dom.textContent).toContain('手机号：138****5678')
})
