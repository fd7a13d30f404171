// A stand-in for the wxlogin SDK client that records each call and answers what the test says. The
// SDK itself is tested against the real service in client/; these tests prove what the pages do.

/** A ticket as the service issues it (22 base64url characters), and its scan answer. */
const TICKET = 'q-Zx_3vN8aB1cD2eF3gH4i'
const SCAN = Object.freeze({
  ticket: TICKET,
  client: { clientId: 'console', name: '示例管理后台' },
  scopes: [
    { scope: 'openid', description: '你的用户标识' },
    { scope: 'profile', description: '你的昵称和头像' },
  ],
  expiresAt: '2026-11-28T00:02:00Z',
  status: 'SCANNED',
})

const USER = Object.freeze({
  id: 246068969450193,
  nickname: 'Alice',
  avatarUrl: '/avatars/alice.png',
  phone: null,
})

function recordingClient() {
  return {
    login: jest.fn().mockResolvedValue(undefined),
    ensureLogin: jest.fn().mockResolvedValue(undefined),
    me: jest.fn().mockResolvedValue({ ...USER }),
    updateMe: jest.fn(async (fields) => ({ ...USER, ...fields })),
    uploadAvatar: jest.fn().mockResolvedValue({ ...USER, avatarUrl: '/avatars/new.png' }),
    bindPhone: jest.fn().mockResolvedValue({ phoneNumber: '138****5678', countryCode: '86', masked: true }),
    logout: jest.fn().mockResolvedValue({ revoked: true }),
    scanTicket: jest.fn().mockResolvedValue({ ...SCAN }),
    confirmWebLogin: jest.fn(async (ticket, { approve }) => ({ status: approve ? 'APPROVED' : 'DENIED' })),
  }
}

// Shaped like the SDK's errors (client/lib/errors.js).

/** The SDK's ApiError: the service answered an error. */
function apiError(code, status, messageZh) {
  return Object.assign(new Error(code), { name: 'ApiError', code, status, messageZh })
}

/** The SDK's NetworkError: the request never completed (wx.request's fail). */
function networkError() {
  return Object.assign(new Error('request:fail timeout'), { name: 'NetworkError', code: 'NETWORK_ERROR', errMsg: 'request:fail timeout' })
}

/** The SDK's WxCallError: wx.login() itself failed. */
function wxCallError() {
  return Object.assign(new Error('login: login:fail'), { name: 'WxCallError', code: 'WX_CALL_FAILED', errMsg: 'login:fail' })
}

module.exports = { USER, TICKET, SCAN, recordingClient, apiError, networkError, wxCallError }
