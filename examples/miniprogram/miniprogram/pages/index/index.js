const { userMessage } = require('../../lib/user-message')
const { avatarSrc } = require('../../lib/avatar')

// The first page: the user the launch's silent login got, or why it failed, with a retry.
Component({
  data: {
    loading: true,
    user: null,
    avatarSrc: '',
    error: null,
    loggedOut: false,
  },

  lifetimes: {
    attached() {
      this.load()
    },
  },

  methods: {
    // A page built with Component() takes its page events (onLoad, onShow, ...) as methods.
    // Back from the profile page: show what changed there.
    onShow() {
      if (!this.data.loading) this.load()
    },

    async load() {
      const { wxlogin } = getApp()
      this.setData({ loading: true, error: null })
      try {
        // Joins the login app.js started at launch; logs in only if there is none. After 退出登录 it
        // rejects with LOGGED_OUT instead: only the 登录 button logs in again.
        await wxlogin.ensureLogin()
        const user = await wxlogin.me()
        this.setData({ user, avatarSrc: avatarSrc(user.avatarUrl), loggedOut: false })
      } catch (err) {
        if (err.code === 'LOGGED_OUT') this.setData({ loggedOut: true, user: null, avatarSrc: '' })
        else this.setData({ error: userMessage(err) })
      } finally {
        this.setData({ loading: false })
      }
    },

    onRetry() {
      this.load()
    },

    async onLogin() {
      this.setData({ error: null })
      try {
        await getApp().wxlogin.login()
        await this.load()
      } catch (err) {
        this.setData({ error: userMessage(err) })
      }
    },
  },
})
