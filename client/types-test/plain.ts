// Compiled by `tsc` without miniprogram-api-typings (types: []): the typings must stand alone, as in a
// uni-app or Taro project that does not install WeChat's typings.

import { createClient, PlatformApi, LoginState, ErrorCode, SdkError } from 'wxlogin-miniprogram';

declare const uni: PlatformApi;

const client = createClient({ baseUrl: 'https://login.example.com', wx: uni });

async function use(): Promise<void> {
  const state: LoginState = await client.ensureLogin();
  const token: string = await client.getAccessToken();
  try {
    await client.request({ url: '/api/v1/me', method: 'GET' });
  } catch (raw) {
    const e = raw as SdkError;
    const code: ErrorCode = e.code;
    void code;
  }
  void [state, token];
}

void use;
