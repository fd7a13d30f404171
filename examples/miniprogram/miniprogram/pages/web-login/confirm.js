const { userMessage } = require('../../lib/user-message')

// These refusals end the ticket: asking again cannot help, the website must show a new code.
const TICKET_ENDED = /^WEB_LOGIN_/

// What the page shows of the browser that asks (a server without it sends none: nothing is shown).
function requesterOf(requester) {
  if (!requester) return null
  return {
    address: requester.address || '未知地址',
    device: `${requester.browser || '未知浏览器'}（${requester.os || '未知系统'}）`,
    time: timeOf(requester.requestedAt),
    sameNetwork: requester.sameNetwork === true,
  }
}

// "14:05" in the phone's time zone; the date is today (a code lives two minutes).
function timeOf(instant) {
  const at = new Date(instant)
  if (Number.isNaN(at.getTime())) return ''
  const pad = (n) => String(n).padStart(2, '0')
  return `${pad(at.getHours())}:${pad(at.getMinutes())}`
}

// Opened by WeChat from a website's sign-in code: the code's page is this one and its scene the ticket.
// Shows which website asks for what, and approves or denies it for the signed-in user.
Component({
  data: {
    loading: true,
    request: null,
    confirming: false,
    outcome: null,
    error: null,
    // A scan that failed for a passing reason (network, WeChat busy) can be tried again.
    canRetry: false,
    // Another network asks: the first tap on approve only arms it, the second confirms.
    armed: false,
  },

  methods: {
    // A page built with Component() takes its page events as methods; onLoad gets the launch's query,
    // with the code's scene (URL-encoded: the SDK decodes it).
    onLoad(options) {
      const scene = options && options.scene
      if (!scene) {
        // Opened some other way (the menu, a share): there is nothing to confirm.
        this.setData({ loading: false, error: userMessage({ code: 'WEB_LOGIN_SCENE_INVALID' }) })
        return
      }
      this.scan(scene)
    },

    async scan(scene) {
      this.scene = scene
      this.setData({ loading: true, error: null, canRetry: false })
      try {
        // Logs in first if needed; the website's page now says "scanned, confirm on your phone".
        const scan = await getApp().wxlogin.scanTicket(scene)
        this.setData({
          armed: false,
          request: {
            ticket: scan.ticket,
            clientName: scan.client.name,
            redirectHost: scan.client.redirectHost || '',
            scopes: scan.scopes.map((s) => ({ scope: s.scope, text: s.description || s.scope })),
            requester: requesterOf(scan.requester),
          },
        })
      } catch (err) {
        this.setData({ error: userMessage(err), canRetry: !TICKET_ENDED.test(err && err.code) })
      } finally {
        this.setData({ loading: false })
      }
    },

    onRetry() {
      this.scan(this.scene)
    },

    onApprove() {
      const { request, armed } = this.data
      // A request from another network may be someone else's: the user confirms twice.
      if (request && request.requester && !request.requester.sameNetwork && !armed) {
        this.setData({ armed: true })
        return
      }
      this.confirm(true)
    },

    onDeny() {
      this.confirm(false)
    },

    async confirm(approve) {
      const { request, confirming } = this.data
      if (!request || confirming) return
      this.setData({ confirming: true, error: null })
      try {
        const { status } = await getApp().wxlogin.confirmWebLogin(request.ticket, { approve })
        this.setData({ outcome: status === 'APPROVED' ? '已在网页登录' : '已拒绝', request: null })
      } catch (err) {
        // A network failure leaves the question on screen to answer again; a refused ticket does not.
        this.setData({ error: userMessage(err), request: TICKET_ENDED.test(err && err.code) ? null : request })
      } finally {
        this.setData({ confirming: false })
      }
    },
  },
})
