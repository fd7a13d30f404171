// The profile page with the real SDK against the real service (test/support/phone.js): WeChat's
// fill-in components' events as WeChat fires them, the privacy agreement, logout.

jest.mock('../miniprogram/config', () => ({ baseUrl: process.env.WXLOGIN_TEST_BASE_URL, sandboxPhoneUrl: '' }))

const fs = require('fs')
const { loadPage, renderPage, settle, until, textOf, attrOf } = require('./support/render-page')
const { recordingWx, toasts } = require('./support/recording-wx')
const { newPhone, phoneCode, writeTinyPng } = require('./support/phone')

const pageId = loadPage('profile')

let user
let phone
let client
let wx
let page

beforeEach(async () => {
  ({ user, phone, client } = newPhone())
  await client.updateMe({ nickname: 'Alice' })
  wx = recordingWx()
  page = renderPage(pageId, { client, wx })
  await until(() => attrOf(page, '.nickname', 'value') === 'Alice')
})

/** Fires a component event as WeChat does, and lets its handler start. */
function fire(selector, eventName, detail) {
  page.querySelector(selector).dispatchEvent(eventName, { detail })
  return settle()
}

const tap = (selector) => fire(selector, 'tap')

function error() {
  return { text: textOf(page, '.message-text'), code: textOf(page, '.message-code') }
}

describe('opening the page', () => {
  test('shows the signed-in user: nickname in the form, phone, WeChat\'s fill-in components', () => {
    expect(attrOf(page, '.nickname', 'type')).toBe('nickname')
    expect(textOf(page, '.phone')).toBe('手机号：未绑定')
    expect(textOf(page, '.bind-phone')).toBe('绑定手机号')
    expect(attrOf(page, '.avatar-button', 'openType')).toBe('chooseAvatar')
    expect(attrOf(page, '.bind-phone', 'openType')).toBe('getPhoneNumber')
    expect(attrOf(page, '.save', 'formType')).toBe('submit')
    expect(textOf(page, '.avatar-placeholder')).toBe('选择头像')
  })
})

describe('avatar', () => {
  test('the chosen avatar\'s temporary file is uploaded and the stored one shown', async () => {
    await fire('.avatar-button', 'chooseavatar', { avatarUrl: writeTinyPng().file })
    await until(() => toasts(wx).length > 0)

    const { avatarUrl } = await client.me()
    expect(avatarUrl).toMatch(/^\/avatars\//)
    expect(attrOf(page, '.avatar', 'src')).toBe(process.env.WXLOGIN_TEST_BASE_URL + avatarUrl)
    expect(wx.showLoading).toHaveBeenCalledTimes(1)
    expect(wx.hideLoading).toHaveBeenCalledTimes(1)
    expect(toasts(wx)).toEqual(['头像已更新'])
  })

  test('a file the service refuses is explained, and no avatar is set', async () => {
    const notAnImage = writeTinyPng().file
    fs.writeFileSync(notAnImage, 'not an image')

    await fire('.avatar-button', 'chooseavatar', { avatarUrl: notAnImage })
    await until(() => textOf(page, '.message-code'))

    expect(error()).toEqual({ text: '头像仅支持 JPEG、PNG 或 WebP 图片', code: '错误码：AVATAR_UNSUPPORTED_TYPE' })
    expect(page.querySelector('.avatar')).toBeUndefined()
    expect(wx.hideLoading).toHaveBeenCalledTimes(1)
    expect(toasts(wx)).toEqual([])
  })

  test('a dialog closed without a choice uploads nothing', async () => {
    await fire('.avatar-button', 'chooseavatar', {})
    await new Promise((r) => setTimeout(r, 50))

    expect(phone.state.sent.filter((r) => r.path === '/api/v1/me/avatar')).toEqual([])
    expect(wx.showLoading).not.toHaveBeenCalled()
  })
})

describe('nickname', () => {
  test('is read from the submitted form, trimmed, and saved', async () => {
    await fire('.nickname-form', 'submit', { value: { nickname: '  Kim  ' } })
    await until(() => toasts(wx).length > 0)

    expect((await client.me()).nickname).toBe('Kim')
    expect(attrOf(page, '.nickname', 'value')).toBe('Kim')
    expect(toasts(wx)).toEqual(['昵称已保存'])
  })

  test('an empty one (WeChat clears a nickname that fails its check) is not sent', async () => {
    await fire('.nickname-form', 'submit', { value: { nickname: '' } })
    await until(() => textOf(page, '.message-code'))

    expect(error()).toEqual({ text: '请填写昵称', code: '错误码：INVALID_FIELD' })
    expect((await client.me()).nickname).toBe('Alice')
  })

  test('one the service refuses is explained with its code', async () => {
    await fire('.nickname-form', 'submit', { value: { nickname: 'x'.repeat(101) } })
    await until(() => textOf(page, '.message-code'))

    expect(error()).toEqual({ text: '填写的内容不符合要求，请修改后重试', code: '错误码：INVALID_FIELD' })
    expect(toasts(wx)).toEqual([])
  })

  test('focusing the input asks for the privacy agreement first (wx.requirePrivacyAuthorize)', async () => {
    await fire('.nickname', 'focus', {})

    expect(wx.requirePrivacyAuthorize).toHaveBeenCalledTimes(1)
  })

  test('a nickname WeChat\'s review refused is explained and not saved, one that passed is', async () => {
    await fire('.nickname', 'nicknamereview', { pass: false, timeout: false })
    await fire('.nickname-form', 'submit', { value: { nickname: '违规昵称' } })
    await until(() => textOf(page, '.message-code'))

    expect(error()).toEqual({ text: '该昵称未通过微信安全检测，请换一个', code: '错误码：NICKNAME_REJECTED' })
    expect((await client.me()).nickname).toBe('Alice')

    await fire('.nickname', 'nicknamereview', { pass: true, timeout: false })
    await fire('.nickname-form', 'submit', { value: { nickname: 'Kim' } })
    await until(() => toasts(wx).length > 0)
    expect((await client.me()).nickname).toBe('Kim')
  })
})

describe('phone number', () => {
  test('the button\'s code is bound and the masked number shown', async () => {
    const code = await phoneCode(user, '13812345678')

    await fire('.bind-phone', 'getphonenumber', { code, errMsg: 'getPhoneNumber:ok' })
    await until(() => toasts(wx).length > 0)

    expect(textOf(page, '.phone')).toBe('手机号：138****5678')
    expect(textOf(page, '.bind-phone')).toBe('更换手机号')
    expect(toasts(wx)).toEqual(['手机号已绑定'])
    expect((await client.me()).phone.phoneNumber).toBe('138****5678')
  })

  test('a user who declines is told so and nothing is sent', async () => {
    await fire('.bind-phone', 'getphonenumber', { errMsg: 'getPhoneNumber:fail user deny' })

    expect(phone.state.sent.filter((r) => r.path === '/api/v1/me/phone')).toEqual([])
    expect(toasts(wx)).toEqual(['你已取消授权手机号'])
    expect(page.querySelector('.message')).toBeUndefined()
  })

  test('errno 104 (privacy agreement not accepted) opens the agreement instead of sending', async () => {
    expect(page.querySelector('.privacy-dialog')).toBeUndefined()

    await fire('.bind-phone', 'getphonenumber', { errno: 104, errMsg: 'getPhoneNumber:fail privacy permission is not authorized' })
    await until(() => page.querySelector('.privacy-dialog'))

    expect(textOf(page, '.privacy-text')).toContain('《示例小程序隐私保护指引》')
    expect(error()).toEqual({ text: '请先阅读并同意隐私保护指引', code: '错误码：PRIVACY_NOT_AUTHORIZED' })
    expect(attrOf(page, '#agree-btn', 'openType')).toBe('agreePrivacyAuthorization')

    await fire('#agree-btn', 'agreeprivacyauthorization', {})
    await until(() => !page.querySelector('.privacy-dialog'))

    expect(page.querySelector('.message')).toBeUndefined()
  })

  test('errno 112 (the privacy guide does not declare the phone number) is explained', async () => {
    await fire('.bind-phone', 'getphonenumber', { errno: 112, errMsg: 'getPhoneNumber:fail api scope is not declared in the privacy agreement' })
    await until(() => textOf(page, '.message-code'))

    expect(error()).toEqual({ text: '小程序尚未在隐私保护指引中声明此项信息的用途，暂时无法使用，请联系开发者', code: '错误码：PRIVACY_SCOPE_UNDECLARED' })
  })

  test('WeChat refusing another reason shows its errno', async () => {
    await fire('.bind-phone', 'getphonenumber', { errno: 1400001, errMsg: 'getPhoneNumber:fail no quota' })
    await until(() => textOf(page, '.message-code'))

    expect(error()).toEqual({ text: '暂时无法获取手机号', code: '错误码：errno 1400001' })
  })

  test('a code WeChat refused asks the user to tap again', async () => {
    await fire('.bind-phone', 'getphonenumber', { code: 'stale-code' })
    await until(() => textOf(page, '.message-code'))

    expect(error()).toEqual({ text: '手机号授权已失效，请重新点击获取手机号', code: '错误码：WX_PHONE_CODE_INVALID' })
    expect(textOf(page, '.phone')).toBe('手机号：未绑定')
    expect(toasts(wx)).toEqual([])
  })

  test('a network failure says so and keeps the page as it was', async () => {
    const code = await phoneCode(user, '13812345678')
    phone.state.network = 'down'

    await fire('.bind-phone', 'getphonenumber', { code })
    await until(() => textOf(page, '.message-code'))

    expect(error()).toEqual({ text: '网络连接失败，请检查网络后重试', code: '错误码：NETWORK_ERROR' })
    expect(textOf(page, '.phone')).toBe('手机号：未绑定')
  })
})

describe('privacy agreement asked for by WeChat (wx.onNeedPrivacyAuthorization)', () => {
  test('agreeing lets the waiting dialog go on', async () => {
    const resolve = jest.fn()
    wx.needPrivacyAuthorization(resolve, { referrer: 'chooseAvatar' })
    await until(() => textOf(page, '.privacy-title'))

    await fire('#agree-btn', 'agreeprivacyauthorization', {})
    await until(() => !page.querySelector('.privacy-dialog'))

    expect(resolve).toHaveBeenCalledWith({ buttonId: 'agree-btn', event: 'agree' })
  })

  test('declining tells WeChat and the user', async () => {
    const resolve = jest.fn()
    wx.needPrivacyAuthorization(resolve, { referrer: 'getPhoneNumber' })
    await until(() => textOf(page, '.privacy-title'))

    await tap('#disagree-btn')
    await until(() => !page.querySelector('.privacy-dialog'))

    expect(resolve).toHaveBeenCalledWith({ event: 'disagree' })
    expect(error()).toEqual({ text: '请先阅读并同意隐私保护指引', code: '错误码：PRIVACY_NOT_AUTHORIZED' })
  })

  test('the agreement\'s name opens it', async () => {
    wx.needPrivacyAuthorization(jest.fn(), { referrer: 'chooseAvatar' })
    await until(() => textOf(page, '.privacy-title'))

    await tap('.privacy-link')

    expect(wx.openPrivacyContract).toHaveBeenCalledTimes(1)
  })

  test('the listener is registered once, and a page that was closed answers nothing but a decline', async () => {
    const again = renderPage(pageId, { client, wx })
    again.detach()
    page.detach()
    const resolve = jest.fn()

    wx.needPrivacyAuthorization(resolve, { referrer: 'chooseAvatar' })

    expect(wx.onNeedPrivacyAuthorization).toHaveBeenCalledTimes(1)
    expect(resolve).toHaveBeenCalledWith({ event: 'disagree' })
  })
})

describe('logout', () => {
  test('ends this login for good: the service refuses the refresh token, and 重新登录 logs in again', async () => {
    const { refreshToken } = phone.storage.get('wxlogin')

    await tap('.logout')
    await until(() => textOf(page, '.status'))

    expect(textOf(page, '.status')).toBe('已退出登录')
    expect(page.querySelector('.bind-phone')).toBeUndefined()
    expect(toasts(wx)).toEqual(['已退出登录'])
    const refresh = await fetch(`${process.env.WXLOGIN_TEST_BASE_URL}/api/v1/token/refresh`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken }),
    })
    expect(refresh.status).toBe(401)
    await expect(client.me()).rejects.toMatchObject({ code: 'LOGGED_OUT' })

    await tap('.login')
    await until(() => attrOf(page, '.nickname', 'value') === 'Alice')

    expect(phone.state.codes).toHaveLength(2)
  })

  test('退出所有设备 ends every login of the user', async () => {
    await tap('.logout-all')
    await until(() => toasts(wx).length > 0)

    expect(toasts(wx)).toEqual(['已在所有设备退出'])
    expect(phone.state.sent.filter((r) => r.path === '/api/v1/logout/all').map((r) => r.status)).toEqual([204])
  })

  test('a logout the service could not be told of still ends the login here, and says so', async () => {
    phone.state.network = 'down'

    await tap('.logout')
    await until(() => toasts(wx).length > 0)

    expect(textOf(page, '.status')).toBe('已退出登录')
    expect(toasts(wx)).toEqual(['已在本机退出，未能通知服务器'])
  })
})
