// The home page with the real SDK against the real service (test/support/phone.js).

jest.mock('../miniprogram/config', () => ({ baseUrl: process.env.WXLOGIN_TEST_BASE_URL, sandboxPhoneUrl: '' }))

const { loadPage, renderPage, until, textOf, attrOf } = require('./support/render-page')
const { recordingWx } = require('./support/recording-wx')
const { newPhone, failNextLogin, writeTinyPng } = require('./support/phone')

const pageId = loadPage('index')

/** Until the page has shown a user, an error or the logged-out card. */
const shown = (page) => until(() => !page.instance.data.loading && (textOf(page, '.name') || textOf(page, '.message-code') || textOf(page, '.login')))

test('shows the user that the silent login got: nickname, id, avatar served by the service', async () => {
  const { phone, client } = newPhone()
  await client.updateMe({ nickname: 'Alice' })
  const { id, avatarUrl } = await client.uploadAvatar(writeTinyPng().file)

  const page = renderPage(pageId, { client, wx: recordingWx() })
  expect(textOf(page, '.status')).toBe('正在登录…')
  await shown(page)

  expect(phone.state.codes).toHaveLength(1)
  expect(textOf(page, '.name')).toBe('Alice')
  expect(page.dom.textContent).toContain(`用户 ID：${id}`)
  expect(page.dom.textContent).toContain('手机号：未绑定')
  expect(attrOf(page, '.avatar', 'src')).toBe(process.env.WXLOGIN_TEST_BASE_URL + avatarUrl)
  expect(page.querySelector('.message')).toBeUndefined()
})

test('a login that fails offline says so with a code, and 重试 logs in once the network is back', async () => {
  const { phone, client } = newPhone()
  phone.state.network = 'down'
  const page = renderPage(pageId, { client, wx: recordingWx() })
  await shown(page)

  expect(textOf(page, '.message-text')).toBe('网络连接失败，请检查网络后重试')
  expect(textOf(page, '.message-code')).toBe('错误码：NETWORK_ERROR')
  expect(page.querySelector('.name')).toBeUndefined()

  phone.state.network = 'up'
  page.querySelector('.retry').dispatchEvent('tap')
  await until(() => textOf(page, '.name'))

  expect(textOf(page, '.name')).toBe('未设置昵称')
  expect(page.querySelector('.message')).toBeUndefined()
})

test('an error the page has no text for shows the service\'s own Chinese message and code', async () => {
  const { client } = newPhone()
  await failNextLogin(40226)
  const page = renderPage(pageId, { client, wx: recordingWx() })
  await shown(page)

  expect(textOf(page, '.message-code')).toBe('错误码：WX_USER_BLOCKED')
  expect(textOf(page, '.message-text')).toMatch(/[\u4e00-\u9fa5]/)
  expect(textOf(page, '.message-text')).not.toBe('操作失败，请稍后再试')
})

test('wx.login() itself failing is told apart from the network', async () => {
  const { phone, client } = newPhone()
  phone.api.login = (options) => setImmediate(() => options.fail({ errMsg: 'login:fail' }))
  const page = renderPage(pageId, { client, wx: recordingWx() })
  await shown(page)

  expect(textOf(page, '.message-text')).toBe('微信登录失败，请稍后重试')
  expect(textOf(page, '.message-code')).toBe('错误码：WX_CALL_FAILED')
})

test('coming back to the page shows what changed meanwhile', async () => {
  const { client } = newPhone()
  const page = renderPage(pageId, { client, wx: recordingWx() })
  await shown(page)
  await client.updateMe({ nickname: 'Kim' })

  page.instance.onShow()
  await until(() => textOf(page, '.name') === 'Kim')

  expect(textOf(page, '.name')).toBe('Kim')
})

test('after 退出登录 the page offers 登录 instead of logging in silently, and 登录 logs in', async () => {
  const { phone, client } = newPhone()
  const page = renderPage(pageId, { client, wx: recordingWx() })
  await shown(page)
  await client.logout()

  page.instance.onShow()
  await until(() => textOf(page, '.login'))

  expect(textOf(page, '.status')).toBe('你已退出登录')
  expect(page.querySelector('.name')).toBeUndefined()
  expect(phone.state.codes).toHaveLength(1)

  page.querySelector('.login').dispatchEvent('tap')
  await until(() => textOf(page, '.name'))

  expect(phone.state.codes).toHaveLength(2)
  expect(textOf(page, '.name')).toBe('未设置昵称')
})
