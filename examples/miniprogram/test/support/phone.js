// A phone with the real SDK on it, against the real service the global setup started: the SDK's
// platform object is the SDK tests' Node `wx` (HTTP with fetch, storage in a Map, wx.login() from
// the sandbox's simulated phone); the pages' own `wx` (toasts, privacy) is recording-wx.js.
const { createClient } = require('wxlogin-miniprogram')
const { nodeWx } = require('../../../../client/test/support/node-wx')
const { sandboxPost } = require('../../../../client/test/support/service')
const { writeTinyPng } = require('../../../../client/test/support/fixtures')

const { randomUUID } = require('crypto')

// Jest runs test files one after another in the same worker: a counter alone would hand a later file
// the people (and their nicknames, avatars) of an earlier one.
function newPhone() {
  const user = `sample-${randomUUID()}`
  const phone = nodeWx({ sandboxUrl: process.env.WXLOGIN_TEST_SANDBOX_URL, user })
  const client = createClient({ baseUrl: process.env.WXLOGIN_TEST_BASE_URL, wx: phone.api })
  return { user, phone, client }
}

/** The code the getPhoneNumber button would give this user for `phoneNumber`. */
async function phoneCode(user, phoneNumber) {
  return (await sandboxPost(process.env.WXLOGIN_TEST_SANDBOX_URL, '/sandbox/phone/phonecode', { user, phoneNumber })).code
}

/** WeChat refusing the next jscode2session with `errcode`. */
function failNextLogin(errcode) {
  return sandboxPost(process.env.WXLOGIN_TEST_SANDBOX_URL, '/sandbox/faults', { api: 'jscode2session', kind: 'ERRCODE', errcode, times: 1 })
}

module.exports = { newPhone, phoneCode, failNextLogin, writeTinyPng }
