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

  pageLifetimes: {
    // Back from the profile page: show what changed there.
    show() {
      if (!this.data.loading) this.load()
    },
  },

  methods: {
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
