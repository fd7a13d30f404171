import { createClient } from 'wxlogin-miniprogram'

// The app's one client, on uni-app's uni (its login gives a jscode2session code on mini-program targets only).
// eslint-disable-next-line no-undef
export const auth = createClient({ baseUrl: WXLOGIN_BASE_URL, wx: uni })
