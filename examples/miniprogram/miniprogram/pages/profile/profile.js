const { userMessage } = require('../../lib/user-message')
const { avatarSrc } = require('../../lib/avatar')
const { attachPrivacySheet } = require('../../lib/privacy')

// Privacy agreement: until the user agrees, WeChat refuses avatar, nickname and phone (errno 104).
const PRIVACY_NOT_AUTHORIZED = 104
// The privacy guide the mini program published does not declare this use at all (errno 112).
const PRIVACY_SCOPE_UNDECLARED = 112

// The profile page: avatar, nickname and phone number from WeChat's fill-in components, and logout.
Component({
  data: {
    user: null,
    avatarSrc: '',
    error: null,
    loggedOut: false,
    privacyShown: false,
    privacyContractName: '《隐私保护指引》',
  },

  lifetimes: {
    attached() {
      // WeChat asks this listener before it opens the avatar, nickname or phone dialog for a user who
      // has not agreed yet; the dialog goes on once we resolve with the agree button's id.
      this.detachPrivacySheet = attachPrivacySheet((resolve) => {
        this.resolvePrivacy = resolve
        this.setData({ privacyShown: true })
      })
      if (wx.getPrivacySetting) {
        wx.getPrivacySetting({
          success: (res) => {
            if (res.privacyContractName) this.setData({ privacyContractName: res.privacyContractName })
          },
        })
      }
      this.load()
    },

    detached() {
      this.detachPrivacySheet()
      // A dialog still waiting must not wait forever for a sheet that is gone.
      if (this.resolvePrivacy) {
        this.resolvePrivacy({ event: 'disagree' })
        this.resolvePrivacy = null
      }
    },
  },

  methods: {
    async load() {
      const { wxlogin } = getApp()
      try {
        await wxlogin.ensureLogin()
        this.showUser(await wxlogin.me())
      } catch (err) {
        if (err.code === 'LOGGED_OUT') this.setData({ loggedOut: true })
        else this.showError(err)
      }
    },

    // e.detail.avatarUrl is a temporary file on the phone, not a URL anyone else can open: upload it.
    async onChooseAvatar(e) {
      const { avatarUrl } = e.detail
      if (!avatarUrl) return
      this.setData({ error: null })
      wx.showLoading({ title: '上传中' })
      try {
        this.showUser(await getApp().wxlogin.uploadAvatar(avatarUrl))
        wx.hideLoading()
        wx.showToast({ title: '头像已更新', icon: 'success' })
      } catch (err) {
        wx.hideLoading()
        this.showError(err)
      }
    },

    // Before the nickname keyboard opens (it offers the WeChat nickname, a privacy API): ask for the
    // agreement, which shows our sheet through the privacy listener when the user has not agreed yet.
    onNicknameFocus() {
      if (!wx.requirePrivacyAuthorize) return
      wx.requirePrivacyAuthorize({
        fail: () => this.setData({ error: userMessage({ code: 'PRIVACY_NOT_AUTHORIZED' }) }),
      })
    },

    // WeChat's content check of the nickname, when the input loses focus: a refused one is cleared by
    // WeChat and must not be saved.
    onNicknameReview(e) {
      const { pass, timeout } = e.detail
      const rejected = !pass && !timeout
      this.nicknameRejected = rejected
      this.setData({ error: rejected ? userMessage({ code: 'NICKNAME_REJECTED' }) : null })
    },

    // Read the nickname from the submitted form: WeChat checks an <input type="nickname"> when it loses
    // focus and may clear it, so what bindinput saw is not what counts.
    async onSubmitNickname(e) {
      const nickname = (e.detail.value.nickname || '').trim()
      if (this.nicknameRejected) {
        this.setData({ error: userMessage({ code: 'NICKNAME_REJECTED' }) })
        return
      }
      if (!nickname) {
        this.setData({ error: { text: '请填写昵称', code: 'INVALID_FIELD' } })
        return
      }
      this.setData({ error: null })
      try {
        this.showUser(await getApp().wxlogin.updateMe({ nickname }))
        wx.showToast({ title: '昵称已保存', icon: 'success' })
      } catch (err) {
        this.showError(err)
      }
    },

    // e.detail.code is single use and valid for 5 minutes; the service trades it with WeChat.
    async onGetPhoneNumber(e) {
      const { code, errno, errMsg = '' } = e.detail
      if (!code) {
        if (errno === PRIVACY_NOT_AUTHORIZED) {
          this.setData({ privacyShown: true, error: userMessage({ code: 'PRIVACY_NOT_AUTHORIZED' }) })
        } else if (errno === PRIVACY_SCOPE_UNDECLARED) {
          this.setData({ error: userMessage({ code: 'PRIVACY_SCOPE_UNDECLARED' }) })
        } else if (/deny|cancel/.test(errMsg)) {
          wx.showToast({ title: '你已取消授权手机号', icon: 'none' })
        } else {
          this.setData({ error: { text: '暂时无法获取手机号', code: errno ? `errno ${errno}` : errMsg } })
        }
        return
      }
      this.setData({ error: null })
      try {
        const phone = await getApp().wxlogin.bindPhone(code)
        this.setData({ 'user.phone': phone })
        wx.showToast({ title: '手机号已绑定', icon: 'success' })
      } catch (err) {
        this.showError(err)
      }
    },

    // Logging out always ends the login on this phone, and it stays ended (no silent login) until 重新登录;
    // `revoked` says whether the service was told too (offline, it was not: that login, or with `all`
    // those of other devices, lasts until it expires).
    async onLogout(e) {
      const all = e.currentTarget.dataset.all === true
      try {
        const { revoked } = await getApp().wxlogin.logout({ all })
        this.setData({ loggedOut: true, user: null, avatarSrc: '', error: null })
        if (revoked) {
          wx.showToast({ title: all ? '已在所有设备退出' : '已退出登录', icon: 'none' })
        } else {
          wx.showToast({ title: '已在本机退出，未能通知服务器', icon: 'none' })
        }
      } catch (err) {
        this.showError(err)
      }
    },

    async onLogin() {
      this.setData({ error: null })
      try {
        await getApp().wxlogin.login()
        this.setData({ loggedOut: false })
        this.showUser(await getApp().wxlogin.me())
      } catch (err) {
        this.showError(err)
      }
    },

    onAgreePrivacy() {
      // The button itself records the agreement; a pending dialog goes on, otherwise the user taps again.
      if (this.resolvePrivacy) {
        this.resolvePrivacy({ buttonId: 'agree-btn', event: 'agree' })
        this.resolvePrivacy = null
      }
      this.setData({ privacyShown: false, error: null })
    },

    onDisagreePrivacy() {
      if (this.resolvePrivacy) {
        this.resolvePrivacy({ event: 'disagree' })
        this.resolvePrivacy = null
      }
      this.setData({ privacyShown: false, error: userMessage({ code: 'PRIVACY_NOT_AUTHORIZED' }) })
    },

    onOpenPrivacyContract() {
      wx.openPrivacyContract()
    },

    showUser(user) {
      this.setData({ user, avatarSrc: avatarSrc(user.avatarUrl) })
    },

    showError(err) {
      this.setData({ error: userMessage(err) })
    },
  },
})
