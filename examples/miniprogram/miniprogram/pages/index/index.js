const { userMessage } = require('../../lib/user-message')
const { avatarSrc } = require('../../lib/avatar')

// The first page: the user the launch's silent login got, or why it failed, with a retry.
Component({
  data: {
    loading: true,
    user: null,
    avatarSrc: '',
    error: null,
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
        // Joins the login app.js started at launch; logs in only if there is none.
        await wxlogin.ensureLogin()
        const user = await wxlogin.me()
        this.setData({ user, avatarSrc: avatarSrc(user.avatarUrl) })
      } catch (err) {
        this.setData({ error: userMessage(err) })
      } finally {
        this.setData({ loading: false })
      }
    },

    onRetry() {
      this.load()
    },
  },
})
