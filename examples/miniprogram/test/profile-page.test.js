const { loadPage, renderPage, settle, textOf, attrOf } = require('./support/render-page')
const { recordingClient, apiError, networkError } = require('./support/recording-client')
const { recordingWx, toasts } = require('./support/recording-wx')

const pageId = loadPage('profile')

let client
let wx
let page

beforeEach(async () => {
  client = recordingClient()
  wx = recordingWx()
  page = renderPage(pageId, { client, wx })
  await settle()
})

function tap(selector, detail) {
  page.querySelector(selector).dispatchEvent('tap', { detail })
  return settle()
}

function fire(selector, eventName, detail) {
  page.querySelector(selector).dispatchEvent(eventName, { detail })
  return settle()
}

function error() {
  return { text: textOf(page, '.message-text'), code: textOf(page, '.message-code') }
}

describe('opening the page', () => {
  test('shows the signed-in user: avatar from the service, nickname in the form, phone', () => {
    expect(client.ensureLogin).toHaveBeenCalledTimes(1)
    expect(client.me).toHaveBeenCalledTimes(1)
    expect(attrOf(page, '.avatar', 'src')).toBe('http://127.0.0.1:8080/avatars/alice.png')
    expect(attrOf(page, '.nickname', 'value')).toBe('Alice')
    expect(attrOf(page, '.nickname', 'type')).toBe('nickname')
    expect(textOf(page, '.phone')).toBe('手机号：未绑定')
    expect(textOf(page, '.bind-phone')).toBe('绑定手机号')
    expect(attrOf(page, '.avatar-button', 'openType')).toBe('chooseAvatar')
    expect(attrOf(page, '.bind-phone', 'openType')).toBe('getPhoneNumber')
    expect(attrOf(page, '.save', 'formType')).toBe('submit')
  })

  test('a user without an avatar is offered to choose one', async () => {
    client = recordingClient()
    client.me.mockResolvedValue({ id: 1, nickname: null, avatarUrl: null, phone: null })
    page = renderPage(pageId, { client, wx })
    await settle()

    expect(page.querySelector('.avatar')).toBeUndefined()
    expect(textOf(page, '.avatar-placeholder')).toBe('选择头像')
  })
})

describe('avatar', () => {
  test('the chosen avatar\'s temporary file is uploaded and the stored one shown', async () => {
    await fire('.avatar-button', 'chooseavatar', { avatarUrl: 'http://tmp/wx4f1a.png' })

    expect(client.uploadAvatar).toHaveBeenCalledWith('http://tmp/wx4f1a.png')
    expect(attrOf(page, '.avatar', 'src')).toBe('http://127.0.0.1:8080/avatars/new.png')
    expect(wx.showLoading).toHaveBeenCalledTimes(1)
    expect(wx.hideLoading).toHaveBeenCalledTimes(1)
    expect(toasts(wx)).toEqual(['头像已更新'])
  })

  test('an image the service refuses is explained, and the old avatar stays', async () => {
    client.uploadAvatar.mockRejectedValueOnce(apiError('AVATAR_TOO_LARGE', 413))

    await fire('.avatar-button', 'chooseavatar', { avatarUrl: 'http://tmp/huge.png' })

    expect(error()).toEqual({ text: '头像图片过大，请换一张小一些的图片', code: '错误码：AVATAR_TOO_LARGE' })
    expect(attrOf(page, '.avatar', 'src')).toBe('http://127.0.0.1:8080/avatars/alice.png')
    expect(wx.hideLoading).toHaveBeenCalledTimes(1)
    expect(toasts(wx)).toEqual([])
  })

  test('a dialog closed without a choice uploads nothing', async () => {
    await fire('.avatar-button', 'chooseavatar', {})

    expect(client.uploadAvatar).not.toHaveBeenCalled()
    expect(wx.showLoading).not.toHaveBeenCalled()
  })
})

describe('nickname', () => {
  test('is read from the submitted form, trimmed, and saved', async () => {
    await fire('.nickname-form', 'submit', { value: { nickname: '  Kim  ' } })

    expect(client.updateMe).toHaveBeenCalledWith({ nickname: 'Kim' })
    expect(attrOf(page, '.nickname', 'value')).toBe('Kim')
    expect(toasts(wx)).toEqual(['昵称已保存'])
  })

  test('an empty one (WeChat clears a nickname that fails its check) is not sent', async () => {
    await fire('.nickname-form', 'submit', { value: { nickname: '' } })

    expect(client.updateMe).not.toHaveBeenCalled()
    expect(error()).toEqual({ text: '请填写昵称', code: '错误码：INVALID_FIELD' })
  })

  test('one the service refuses is explained with its code', async () => {
    client.updateMe.mockRejectedValueOnce(apiError('INVALID_FIELD', 400, '请求参数无效'))

    await fire('.nickname-form', 'submit', { value: { nickname: 'x'.repeat(101) } })

    expect(error()).toEqual({ text: '填写的内容不符合要求，请修改后重试', code: '错误码：INVALID_FIELD' })
    expect(toasts(wx)).toEqual([])
  })
})

describe('phone number', () => {
  test('the button\'s code is bound and the masked number shown', async () => {
    await fire('.bind-phone', 'getphonenumber', { code: 'phone-code-1', errMsg: 'getPhoneNumber:ok' })

    expect(client.bindPhone).toHaveBeenCalledWith('phone-code-1')
    expect(textOf(page, '.phone')).toBe('手机号：138****5678')
    expect(textOf(page, '.bind-phone')).toBe('更换手机号')
    expect(toasts(wx)).toEqual(['手机号已绑定'])
  })

  test('a user who declines is told so and nothing is sent', async () => {
    await fire('.bind-phone', 'getphonenumber', { errMsg: 'getPhoneNumber:fail user deny' })

    expect(client.bindPhone).not.toHaveBeenCalled()
    expect(toasts(wx)).toEqual(['你已取消授权手机号'])
    expect(page.querySelector('.message')).toBeUndefined()
  })

  test('errno 104 (privacy agreement not accepted) opens the agreement instead of sending', async () => {
    expect(page.querySelector('.privacy-dialog')).toBeUndefined()

    await fire('.bind-phone', 'getphonenumber', {
      errno: 104,
      errMsg: 'getPhoneNumber:fail privacy permission is not authorized',
    })

    expect(client.bindPhone).not.toHaveBeenCalled()
    expect(textOf(page, '.privacy-text')).toContain('《示例小程序隐私保护指引》')
    expect(error()).toEqual({ text: '请先阅读并同意隐私保护指引', code: '错误码：PRIVACY_NOT_AUTHORIZED' })
    expect(attrOf(page, '#agree-btn', 'openType')).toBe('agreePrivacyAuthorization')

    await fire('#agree-btn', 'agreeprivacyauthorization', {})

    expect(page.querySelector('.privacy-dialog')).toBeUndefined()
    expect(page.querySelector('.message')).toBeUndefined()
  })

  test('WeChat refusing another reason shows its errno', async () => {
    await fire('.bind-phone', 'getphonenumber', { errno: 1400001, errMsg: 'getPhoneNumber:fail no quota' })

    expect(client.bindPhone).not.toHaveBeenCalled()
    expect(error()).toEqual({ text: '暂时无法获取手机号', code: '错误码：errno 1400001' })
  })

  test('a code WeChat refused asks the user to tap again', async () => {
    client.bindPhone.mockRejectedValueOnce(apiError('WX_PHONE_CODE_INVALID', 400))

    await fire('.bind-phone', 'getphonenumber', { code: 'stale-code' })

    expect(client.bindPhone).toHaveBeenCalledWith('stale-code')
    expect(error()).toEqual({ text: '手机号授权已失效，请重新点击获取手机号', code: '错误码：WX_PHONE_CODE_INVALID' })
    expect(textOf(page, '.phone')).toBe('手机号：未绑定')
    expect(toasts(wx)).toEqual([])
  })

  test('a network failure says so and keeps the page as it was', async () => {
    client.bindPhone.mockRejectedValueOnce(networkError())

    await fire('.bind-phone', 'getphonenumber', { code: 'phone-code-2' })

    expect(error()).toEqual({ text: '网络连接失败，请检查网络后重试', code: '错误码：NETWORK_ERROR' })
    expect(textOf(page, '.phone')).toBe('手机号：未绑定')
  })
})

describe('privacy agreement asked for by WeChat (wx.onNeedPrivacyAuthorization)', () => {
  test('agreeing lets the waiting dialog go on', async () => {
    const resolve = jest.fn()
    wx.needPrivacyAuthorization(resolve, { referrer: 'chooseAvatar' })
    await settle()
    expect(textOf(page, '.privacy-title')).toBe('隐私保护提示')

    await fire('#agree-btn', 'agreeprivacyauthorization', {})

    expect(resolve).toHaveBeenCalledWith({ buttonId: 'agree-btn', event: 'agree' })
    expect(page.querySelector('.privacy-dialog')).toBeUndefined()
  })

  test('declining tells WeChat and the user', async () => {
    const resolve = jest.fn()
    wx.needPrivacyAuthorization(resolve, { referrer: 'getPhoneNumber' })
    await settle()

    await tap('#disagree-btn')

    expect(resolve).toHaveBeenCalledWith({ event: 'disagree' })
    expect(page.querySelector('.privacy-dialog')).toBeUndefined()
    expect(error()).toEqual({ text: '请先阅读并同意隐私保护指引', code: '错误码：PRIVACY_NOT_AUTHORIZED' })
  })

  test('the agreement\'s name opens it', async () => {
    wx.needPrivacyAuthorization(jest.fn(), { referrer: 'chooseAvatar' })
    await settle()

    await tap('.privacy-link')

    expect(wx.openPrivacyContract).toHaveBeenCalledTimes(1)
  })
})

describe('logout', () => {
  test('ends this login, and 重新登录 logs in again', async () => {
    await tap('.logout')

    expect(client.logout).toHaveBeenCalledWith({ all: false })
    expect(textOf(page, '.status')).toBe('已退出登录')
    expect(page.querySelector('.bind-phone')).toBeUndefined()
    expect(toasts(wx)).toEqual(['已退出登录'])

    await tap('.login')

    expect(client.login).toHaveBeenCalledTimes(1)
    expect(client.me).toHaveBeenCalledTimes(2)
    expect(attrOf(page, '.nickname', 'value')).toBe('Alice')
  })

  test('退出所有设备 ends every login of the user', async () => {
    await tap('.logout-all')

    expect(client.logout).toHaveBeenCalledWith({ all: true })
    expect(toasts(wx)).toEqual(['已在所有设备退出'])
  })

  test('a logout the service could not be told of still ends the login here, and says so', async () => {
    client.logout.mockResolvedValueOnce({ revoked: false })

    await tap('.logout')

    expect(textOf(page, '.status')).toBe('已退出登录')
    expect(toasts(wx)).toEqual(['已在本机退出，未能通知服务器'])
  })
})
