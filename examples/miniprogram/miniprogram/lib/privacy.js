// WeChat keeps one privacy listener per mini program and offers no way to remove it. It is registered
// once, and each request goes to the page whose agreement sheet is attached; with none attached (the
// page was closed), the request is declined instead of left waiting forever.

let registeredOn = null
let sheet = null

/** Shows `show(resolve, info)`'s sheet for WeChat's privacy requests until the returned function is called. */
function attachPrivacySheet(show) {
  if (registeredOn !== wx && wx.onNeedPrivacyAuthorization) {
    wx.onNeedPrivacyAuthorization((resolve, info) => {
      if (sheet) sheet(resolve, info)
      else resolve({ event: 'disagree' })
    })
    registeredOn = wx
  }
  sheet = show
  return function detach() {
    if (sheet === show) sheet = null
  }
}

module.exports = { attachPrivacySheet }
