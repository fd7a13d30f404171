import Taro from '@tarojs/taro'
import { createClient } from 'wxlogin-miniprogram'

// The app's one client, on Taro's wrapped APIs (whose promises reject on failure).
// eslint-disable-next-line no-undef
export const auth = createClient({ baseUrl: WXLOGIN_BASE_URL, wx: Taro })
