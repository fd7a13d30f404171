import { createClient } from 'wxlogin-miniprogram'

// The app's one wxlogin client. `uni` runs on every mini-program platform; the SDK tells which one
// from the platform's own global (wx, tt, my, qq) and sends that platform's login: wx.login's code on
// WeChat, tt.login's code and anonymousCode on Douyin, my.getAuthCode's authCode on Alipay, qq.login's
// code on QQ.
// eslint-disable-next-line no-undef
export const auth = createClient({ baseUrl: WXLOGIN_BASE_URL, wx: uni })
