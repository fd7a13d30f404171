const path = require('path')
const simulate = require('miniprogram-simulate')

const ROOT = path.join(__dirname, '../../miniprogram')

/**
 * Compiles a page (its WXML with WeChat's own compiler) once per test file. 'profile' is
 * pages/profile/profile; a route with a slash ('web-login/confirm') is taken as it is.
 */
function loadPage(name) {
  const route = name.includes('/') ? name : `${name}/${name}`
  return simulate.load(path.join(ROOT, 'pages', route), { rootPath: ROOT })
}

/** Renders the page as WeChat would open it, with `client` as getApp().wxlogin and `wx` as the global wx. */
function renderPage(pageId, { client, wx }) {
  global.wx = wx
  global.getApp = () => ({ wxlogin: client })
  const page = simulate.render(pageId)
  page.attach(document.createElement('parent-wrapper'))
  return page
}

/** Lets dispatched events and the handlers' awaited calls run to their end. */
function settle() {
  return simulate.sleep(0)
}

/** Waits until `check()` is truthy (the pages' calls go over real HTTP), for at most 10 s. */
async function until(check) {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > 10000) throw new Error(`still not so after 10 s: ${check}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
    await settle()
  }
}

/** The text of the first element matching `selector`, or null when nothing matches. */
function textOf(page, selector) {
  const found = page.querySelector(selector)
  return found ? found.dom.textContent.trim() : null
}

/** An attribute of the first element matching `selector` as WXML set it (built-in components keep them off the DOM). */
function attrOf(page, selector, name) {
  const found = page.querySelector(selector)
  const attr = found && found.toJSON().attrs.find((a) => a.name === name)
  return attr ? attr.value : null
}

module.exports = { loadPage, renderPage, settle, until, textOf, attrOf }
