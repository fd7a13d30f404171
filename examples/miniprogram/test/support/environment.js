// jsdom (miniprogram-simulate renders the pages in it), plus what the Node `wx` of the SDK's tests
// (client/test/support/node-wx.js) needs to talk HTTP to the real service: Node's own fetch and friends.
const { TestEnvironment } = require('jest-environment-jsdom')

class JsdomWithNodeFetch extends TestEnvironment {
  constructor(config, context) {
    super(config, context)
    Object.assign(this.global, {
      fetch, Request, Response, Headers, FormData, Blob, AbortController, structuredClone,
      setImmediate, clearImmediate, TextEncoder, TextDecoder,
    })
  }
}

module.exports = JsdomWithNodeFetch
