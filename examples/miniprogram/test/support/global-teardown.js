module.exports = async function stop() {
  if (globalThis.wxloginService) await globalThis.wxloginService.stop()
}
