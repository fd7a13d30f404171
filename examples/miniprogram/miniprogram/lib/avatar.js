const config = require('../config')

// Avatars uploaded to the service come back as a path (/avatars/...) on the service; WeChat's own are
// absolute URLs. <image> needs an absolute one.
function avatarSrc(avatarUrl) {
  if (!avatarUrl) return ''
  return avatarUrl.startsWith('/') ? config.baseUrl + avatarUrl : avatarUrl
}

module.exports = { avatarSrc }
