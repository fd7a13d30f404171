// Starts the real wxlogin service in sandbox mode once for all test files (client/test/support/service.js).
const { startService } = require('../../../../client/test/support/service')

module.exports = async function startOnce() {
  const service = await startService()
  globalThis.wxloginService = service
  process.env.WXLOGIN_TEST_BASE_URL = service.baseUrl
  process.env.WXLOGIN_TEST_SANDBOX_URL = service.sandboxUrl
}
