const { loadPage, renderPage, settle, textOf, attrOf } = require('./support/render-page')
const { recordingClient, apiError, networkError, TICKET } = require('./support/recording-client')
const { recordingWx } = require('./support/recording-wx')
const app = require('../miniprogram/app.json')

const pageId = loadPage('web-login/confirm')

let client
let page

/** Opens the page as WeChat does for a scanned code: onLoad gets the code's scene. */
async function open(options) {
  page = renderPage(pageId, { client, wx: recordingWx() })
  page.instance.onLoad(options)
  await settle()
}

function tap(selector) {
  page.querySelector(selector).dispatchEvent('tap')
  return settle()
}

function error() {
  return { text: textOf(page, '.message-text'), code: textOf(page, '.message-code') }
}

function scopes() {
  return page.querySelectorAll('.scope').map((s) => s.dom.textContent.trim())
}

beforeEach(() => {
  client = recordingClient()
})

test('is registered at the route the website\'s code names as its page', () => {
  expect(app.pages).toContain('pages/web-login/confirm')
})

describe('opened from a scanned code', () => {
  test('scans the code\'s scene and shows which website asks for what', async () => {
    page = renderPage(pageId, { client, wx: recordingWx() })
    expect(textOf(page, '.status')).toBe('正在读取登录请求…')

    page.instance.onLoad({ scene: TICKET.replace('-', '%2D') })
    await settle()

    // The scene as WeChat passed it: the SDK decodes it and checks it is a ticket.
    expect(client.scanTicket).toHaveBeenCalledWith('q%2DZx_3vN8aB1cD2eF3gH4i')
    expect(textOf(page, '.client')).toBe('示例管理后台')
    expect(scopes()).toEqual(['你的用户标识', '你的昵称和头像'])
    expect(textOf(page, '.approve')).toBe('确认登录')
    expect(textOf(page, '.deny')).toBe('拒绝')
    expect(client.confirmWebLogin).not.toHaveBeenCalled()
    expect(page.querySelector('.message')).toBeUndefined()
  })

  test('a scope without a description shows its name', async () => {
    client.scanTicket.mockResolvedValueOnce({
      ticket: TICKET, client: { clientId: 'c', name: 'Grafana' }, scopes: [{ scope: 'unionid', description: '' }], status: 'SCANNED',
    })

    await open({ scene: TICKET })

    expect(scopes()).toEqual(['unionid'])
  })

  test('without a scene (opened from the menu or a share) nothing is scanned and the page says to scan', async () => {
    await open({})

    expect(client.scanTicket).not.toHaveBeenCalled()
    expect(page.querySelector('.status')).toBeUndefined()
    expect(error()).toEqual({ text: '这不是网页登录的二维码，请扫描网页上显示的二维码', code: '错误码：WEB_LOGIN_SCENE_INVALID' })
  })

  test.each([
    ['WEB_LOGIN_TICKET_EXPIRED', 410, '二维码已过期，请在网页上刷新'],
    ['WEB_LOGIN_TICKET_USED', 409, '二维码已使用，请在网页上刷新后重新扫码'],
    ['WEB_LOGIN_TICKET_OTHER_USER', 409, '该二维码已被其他微信用户扫描'],
    ['WEB_LOGIN_TICKET_UNKNOWN', 404, '二维码无效，请在网页上刷新后重新扫码'],
  ])('a scan refused as %s says so in Chinese with the code, and offers nothing to confirm', async (code, status, text) => {
    client.scanTicket.mockRejectedValueOnce(apiError(code, status, '服务端的说明'))

    await open({ scene: TICKET })

    expect(error()).toEqual({ text, code: `错误码：${code}` })
    expect(page.querySelector('.approve')).toBeUndefined()
    expect(page.querySelector('.status')).toBeUndefined()
    expect(page.querySelector('.retry')).toBeUndefined()
  })

  test('a code of something else (the SDK refuses its scene before any request) is explained', async () => {
    client.scanTicket.mockRejectedValueOnce(Object.assign(new Error('not a ticket'), { name: 'InvalidSceneError', code: 'WEB_LOGIN_SCENE_INVALID', scene: 'shop=12' }))

    await open({ scene: 'shop%3D12' })

    expect(error()).toEqual({ text: '这不是网页登录的二维码，请扫描网页上显示的二维码', code: '错误码：WEB_LOGIN_SCENE_INVALID' })
  })

  test('a scan that never reached the service says the network failed, and 重试 scans the same scene again', async () => {
    client.scanTicket.mockRejectedValueOnce(networkError())

    await open({ scene: TICKET })

    expect(error()).toEqual({ text: '网络连接失败，请检查网络后重试', code: '错误码：NETWORK_ERROR' })

    await tap('.retry')

    expect(client.scanTicket.mock.calls).toEqual([[TICKET], [TICKET]])
    expect(textOf(page, '.client')).toBe('示例管理后台')
    expect(page.querySelector('.message')).toBeUndefined()
  })
})

describe('answering', () => {
  beforeEach(() => open({ scene: TICKET }))

  test('确认登录 approves the scanned ticket and says the website is signed in', async () => {
    await tap('.approve')

    expect(client.confirmWebLogin).toHaveBeenCalledTimes(1)
    expect(client.confirmWebLogin).toHaveBeenCalledWith(TICKET, { approve: true })
    expect(textOf(page, '.outcome')).toBe('已在网页登录')
    expect(page.querySelector('.approve')).toBeUndefined()
    expect(page.querySelector('.message')).toBeUndefined()
  })

  test('拒绝 denies it and says so', async () => {
    await tap('.deny')

    expect(client.confirmWebLogin).toHaveBeenCalledWith(TICKET, { approve: false })
    expect(textOf(page, '.outcome')).toBe('已拒绝')
    expect(page.querySelector('.deny')).toBeUndefined()
  })

  test('while the answer is on its way the buttons are disabled and a second tap sends nothing', async () => {
    let answer
    client.confirmWebLogin.mockImplementationOnce(() => new Promise((resolve) => { answer = resolve }))

    await tap('.approve')
    expect(attrOf(page, '.approve', 'disabled')).toBe(true)
    expect(attrOf(page, '.deny', 'disabled')).toBe(true)
    await tap('.deny')
    answer({ status: 'APPROVED' })
    await settle()

    expect(client.confirmWebLogin).toHaveBeenCalledTimes(1)
    expect(textOf(page, '.outcome')).toBe('已在网页登录')
  })

  test.each([
    ['WEB_LOGIN_TICKET_EXPIRED', 410, '二维码已过期，请在网页上刷新'],
    ['WEB_LOGIN_TICKET_USED', 409, '二维码已使用，请在网页上刷新后重新扫码'],
    ['WEB_LOGIN_TICKET_OTHER_USER', 409, '该二维码已被其他微信用户扫描'],
  ])('an answer refused as %s is shown with the code, and the question is gone', async (code, status, text) => {
    client.confirmWebLogin.mockRejectedValueOnce(apiError(code, status))

    await tap('.approve')

    expect(error()).toEqual({ text, code: `错误码：${code}` })
    expect(page.querySelector('.approve')).toBeUndefined()
    expect(page.querySelector('.outcome')).toBeUndefined()
  })

  test('an answer lost to the network is shown, and the question stays to answer again', async () => {
    client.confirmWebLogin.mockRejectedValueOnce(networkError())

    await tap('.approve')

    expect(error()).toEqual({ text: '网络连接失败，请检查网络后重试', code: '错误码：NETWORK_ERROR' })
    expect(attrOf(page, '.approve', 'disabled')).toBe(false)

    await tap('.approve')

    expect(client.confirmWebLogin).toHaveBeenCalledTimes(2)
    expect(textOf(page, '.outcome')).toBe('已在网页登录')
    expect(page.querySelector('.message')).toBeUndefined()
  })
})

describe('the browser that asks', () => {
  function scanFrom(requester) {
    client.scanTicket.mockResolvedValueOnce({
      ticket: TICKET,
      client: { clientId: 'admin', name: '示例管理后台', redirectHost: 'admin.example.com' },
      scopes: [{ scope: 'openid', description: '你的用户标识' }],
      expiresAt: '2030-01-01T00:02:00Z',
      status: 'SCANNED',
      requester,
    })
  }

  const elsewhere = {
    address: '198.51.100.*', browser: 'Chrome 120', os: 'Windows', requestedAt: '2030-01-01T00:00:00Z', sameNetwork: false,
  }

  test('is shown: its browser and system, its address cut to its network, and the host the website sends the user to', async () => {
    scanFrom({ ...elsewhere, sameNetwork: true })

    await open({ scene: TICKET })

    expect(textOf(page, '.host')).toBe('登录后前往 admin.example.com')
    expect(textOf(page, '.requester-device')).toBe('Chrome 120（Windows）')
    expect(textOf(page, '.requester-address')).toBe('网络地址 198.51.100.*')
    expect(textOf(page, '.requester-time')).toMatch(/^\d\d:\d\d 生成二维码$/)
    expect(page.querySelector('.warning')).toBeUndefined()
  })

  test('on the phone\'s network one tap on 确认登录 approves', async () => {
    scanFrom({ ...elsewhere, sameNetwork: true })
    await open({ scene: TICKET })

    await tap('.approve')

    expect(client.confirmWebLogin).toHaveBeenCalledWith(TICKET, { approve: true })
  })

  test('from another network the page warns that someone else may be asking, and approving takes two taps', async () => {
    scanFrom(elsewhere)
    await open({ scene: TICKET })

    expect(textOf(page, '.warning')).toContain('可能是别人想用你的微信登录')

    await tap('.approve')

    expect(client.confirmWebLogin).not.toHaveBeenCalled()
    expect(textOf(page, '.approve')).toBe('我确认是我本人，登录')

    await tap('.approve')

    expect(client.confirmWebLogin).toHaveBeenCalledTimes(1)
    expect(client.confirmWebLogin).toHaveBeenCalledWith(TICKET, { approve: true })
    expect(textOf(page, '.outcome')).toBe('已在网页登录')
  })

  test('from another network 拒绝 still denies with one tap', async () => {
    scanFrom(elsewhere)
    await open({ scene: TICKET })

    await tap('.deny')

    expect(client.confirmWebLogin).toHaveBeenCalledWith(TICKET, { approve: false })
  })
})
