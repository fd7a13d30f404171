'use strict';

// Runs a mini program as a framework CLI built it (dist/ of Taro or uni-app) in Node: the globals a
// platform's base library gives (its platform object, App, Page, Component, getApp, getCurrentPages),
// with the platform object a Node one over real HTTP: node-wx.js's `wx` on WeChat, or
// platform-fakes.js's `tt` (Douyin, mp-toutiao), `qq` (QQ, mp-qq), `my` (Alipay, mp-alipay). The other
// APIs the frameworks' runtimes call at start (system info, app show/hide listeners, ...) answer as a
// quiet device would. Pages are opened as the platform does: a Component-built page created and
// attached, then onLoad(query), onShow, onReady. (uni's mp-alipay output builds its pages with Page(),
// so Alipay's component lifetimes, onInit/didMount, are not needed and not stood in for.)

const path = require('node:path');

/** What the frameworks' runtimes ask of wx at start, answered as on an ordinary phone. */
const DEVICE = {
  SDKVersion: '3.4.0', platform: 'devtools', system: 'iOS 17', version: '8.0.50', language: 'zh_CN',
  pixelRatio: 2, windowWidth: 375, windowHeight: 667, screenWidth: 375, screenHeight: 667,
  statusBarHeight: 20, safeArea: { top: 20, bottom: 667, left: 0, right: 375, width: 375, height: 647 },
  theme: 'light', enableDebug: false, brand: 'devtools', model: 'iPhone'
};

/** The global each uni-app / Taro target's base library defines. */
const GLOBALS = { 'mp-weixin': 'wx', 'mp-toutiao': 'tt', 'mp-qq': 'qq', 'mp-alipay': 'my' };

function quietWx(platform) {
  const extra = {
    getSystemInfoSync: () => ({ ...DEVICE }),
    getWindowInfo: () => ({ ...DEVICE }),
    getDeviceInfo: () => ({ ...DEVICE }),
    getAppBaseInfo: () => ({ ...DEVICE }),
    getSystemSetting: () => ({}),
    getAppAuthorizeSetting: () => ({}),
    getLaunchOptionsSync: () => ({ path: 'pages/index/index', query: {}, scene: 1001, referrerInfo: {} }),
    getEnterOptionsSync: () => ({ path: 'pages/index/index', query: {}, scene: 1001, referrerInfo: {} }),
    getMenuButtonBoundingClientRect: () => ({ top: 24, bottom: 56, left: 281, right: 368, width: 87, height: 32 }),
    canIUse: () => true,
    nextTick: (fn) => setImmediate(fn),
    env: { USER_DATA_PATH: 'wxfile://usr' }
  };
  // Any other API: an async one succeeds with nothing to say, a *Sync one answers nothing.
  return new Proxy({ ...platform, ...extra }, {
    get(target, name) {
      if (name in target) return target[name];
      // Not an API: what a bundler keeps on wx (webpack's chunk list), what a runtime keeps there
      // (uni's $onErrorHandlers), a class (EventChannel), or a symbol. The APIs are lower camelCase.
      if (typeof name !== 'string' || name.startsWith('webpack') || !/^[a-z]/.test(name)) return undefined;
      if (name.endsWith('Sync')) return () => undefined;
      return (options) => {
        if (options && typeof options.success === 'function') setImmediate(() => options.success({ errMsg: `${name}:ok` }));
        return undefined;
      };
    }
  });
}

/** The global's own names before the first launch. */
let globalsBefore = null;

/**
 * Loads the built app in `distDir` on `platform` (the Node platform object's api) and launches it.
 * @param {object} [options]
 * @param {'mp-weixin'|'mp-toutiao'|'mp-qq'|'mp-alipay'} [options.target] whose base library to stand in
 *        for: the global the platform object is set as (wx, tt, qq, my); default mp-weixin
 * @returns {{ app: object, openPage: (route: string, query?: object) => object }}
 */
function launchBuiltApp(distDir, platform, options = {}) {
  const target = options.target || 'mp-weixin';
  const globalName = GLOBALS[target];
  if (!globalName) throw new Error(`launchBuiltApp: target is one of ${Object.keys(GLOBALS).join(', ')}, got ${target}`);
  const definitions = {};
  const pages = [];
  let app = null;
  let loading = null;
  let webviews = 0;
  // A new start of the mini program: what an earlier launch put on the global (uni's global.createApp,
  // another platform's object, which would make the SDK and the framework take this app for that
  // platform's) is gone.
  if (!globalsBefore) globalsBefore = new Set(Object.keys(global));
  for (const name of Object.keys(global)) {
    if (!globalsBefore.has(name)) delete global[name];
  }
  for (const name of Object.values(GLOBALS)) delete global[name];
  global[globalName] = quietWx(platform);
  global.App = (options) => {
    app = options;
  };
  global.getApp = () => app;
  global.getCurrentPages = () => pages.slice();
  global.Page = (options) => {
    definitions[loading] = { kind: 'Page', options };
  };
  global.Component = (options) => {
    if (loading) definitions[loading] = { kind: 'Component', options };
  };
  global.requirePlugin = () => ({});

  // A second launch runs the app's code again, as a new start of the mini program does.
  for (const file of Object.keys(require.cache)) {
    if (file.startsWith(distDir + path.sep)) delete require.cache[file];
  }
  require(path.join(distDir, 'app.js'));
  if (!app) throw new Error(`${distDir}/app.js called no App()`);
  const launch = { path: 'pages/index/index', query: {}, scene: 1001 };
  if (typeof app.onLaunch === 'function') app.onLaunch.call(app, launch);
  if (typeof app.onShow === 'function') app.onShow.call(app, launch);

  function openPage(route, query = {}) {
    loading = route;
    require(path.join(distDir, `${route}.js`));
    loading = null;
    const definition = definitions[route];
    if (!definition) throw new Error(`${route}.js defined no Page() or Component()`);
    const { kind, options } = definition;
    const methods = kind === 'Component' ? options.methods || {} : options;
    const page = {
      route,
      is: route,
      options: query,
      data: JSON.parse(JSON.stringify(options.data || {})),
      setData(patch, callback) {
        Object.assign(this.data, patch);
        if (typeof callback === 'function') setImmediate(callback);
      },
      selectComponent: () => null,
      selectAllComponents: () => [],
      createSelectorQuery: () => global[globalName].createSelectorQuery(),
      triggerEvent: () => undefined,
      getOpenerEventChannel: () => ({ on() {}, emit() {} })
    };
    page.properties = {};
    for (const [name, property] of Object.entries(options.properties || {})) {
      page.properties[name] = property && typeof property === 'object' && 'value' in property ? property.value : null;
    }
    if (target === 'mp-toutiao') {
      // Douyin's page instance names its route, its view and itself as the view's root node (0):
      // uni's mp-toutiao runtime tells a page from a component by __nodeId__ === 0.
      Object.assign(page, { __route__: route, __webviewId__: ++webviews, __nodeId__: 0 });
    }
    Object.assign(page.data, page.properties);
    for (const [name, value] of Object.entries(methods)) {
      if (typeof value === 'function') page[name] = value;
    }
    pages.push(page);
    const lifetimes = options.lifetimes || {};
    for (const hook of ['created', 'attached']) {
      const fn = lifetimes[hook] || options[hook];
      if (kind === 'Component' && typeof fn === 'function') fn.call(page);
    }
    for (const hook of ['onLoad', 'onShow', 'onReady']) {
      if (typeof page[hook] === 'function') page[hook](hook === 'onLoad' ? query : undefined);
    }
    if (kind === 'Component' && typeof (lifetimes.ready || options.ready) === 'function') (lifetimes.ready || options.ready).call(page);
    return page;
  }

  return { app, openPage };
}

module.exports = { launchBuiltApp };
