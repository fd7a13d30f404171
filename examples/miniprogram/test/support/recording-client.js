// A stand-in for the wxlogin SDK client that records each call and answers what the test says. The
// SDK itself is tested against the real service in client/; these tests prove what the pages do.

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
    logout: jest.fn().mockResolvedValue(undefined),
  }
}

/** How the SDK rejects when the service answered an error. */
function apiError(code, statusCode, messageZh) {
  return Object.assign(new Error(code), { code, statusCode, messageZh })
}

/** How the SDK rejects when the request never completed (wx.request's fail). */
function networkError() {
  return new Error('request:fail timeout')
}

module.exports = { USER, recordingClient, apiError, networkError }
