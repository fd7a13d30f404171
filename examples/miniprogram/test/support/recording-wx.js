// The `wx` the pages see in tests: records what they show the user, and lets a test play WeChat's
// part in the privacy agreement. Replaces miniprogram-simulate's canned `wx`.

function recordingWx() {
  const wx = {
    showToast: jest.fn(),
    showLoading: jest.fn(),
    hideLoading: jest.fn(),
    openPrivacyContract: jest.fn(),
    // Asks for the agreement: WeChat calls the privacy listener when the user has not agreed yet.
    requirePrivacyAuthorize: jest.fn(),
    getPrivacySetting: jest.fn(({ success }) => success({ needAuthorization: true, privacyContractName: '《示例小程序隐私保护指引》' })),
    // WeChat calls this listener before opening the avatar, nickname or phone dialog for a user who has not agreed.
    onNeedPrivacyAuthorization: jest.fn((listener) => {
      wx.needPrivacyAuthorization = listener
    }),
    needPrivacyAuthorization: null,
  }
  return wx
}

/** The titles of the toasts shown so far. */
function toasts(wx) {
  return wx.showToast.mock.calls.map(([options]) => options.title)
}

module.exports = { recordingWx, toasts }
