// Compiled by `tsc --noEmit` (npm test): a page's use of the SDK must type-check with the official
// miniprogram-api-typings, and misuse must not (each @ts-expect-error fails the build if it compiles).

import {
  createClient, compatLogin, headerValue, ApiError, AuthLostError, NetworkError,
  InvalidSceneError, LoginState, User, Me, Phone, WxSessionCheck, WebLoginScan, WebLoginConfirmation, SdkError,
  PlatformLink, LinkCandidate, WxCallError
} from 'wxlogin-miniprogram';

const client = createClient({
  baseUrl: 'https://login.example.com',
  appid: 'wx1234567890abcdef',
  wx, // the global of the official typings
  onAuthLost: (error: AuthLostError) => {
    const code: string = error.code;
    const status: number = error.cause.status;
    wx.reLaunch({ url: `/pages/login/login?reason=${code}&status=${status}` });
  }
});

declare const uni: {
  login: typeof wx.login; request: typeof wx.request; uploadFile: typeof wx.uploadFile;
  getStorageSync: typeof wx.getStorageSync; setStorageSync: typeof wx.setStorageSync;
};
const onUni = createClient({ baseUrl: 'https://login.example.com', wx: uni, loginEndpoint: compatLogin({ withUserInfo: true }) });

async function page(): Promise<void> {
  const state: LoginState = await client.ensureLogin();
  const expiresAt: number = state.expiresAt;
  const res = await client.request<{ orders: string[] }>({ url: '/api/orders', method: 'GET', data: { page: 1 } });
  const orders: string[] = res.data.orders;
  const type: string | undefined = headerValue(res.header, 'content-type');
  const me: Me = await client.me();
  const asUser: User = me;
  void asUser;
  const id: number = me.id;
  const renamed: Me = await client.updateMe({ nickname: 'Kim', gender: 2 });
  const avatar: Me = await client.uploadAvatar('wxfile://tmp_avatar.png');
  const phone: Phone = await client.bindPhone('phone-code');
  const masked: boolean = phone.masked;
  const session: WxSessionCheck = await client.checkWxSession();
  if (!session.valid) {
    const why: 'WX_SESSION_KEY_STALE' | 'SESSION_KEY_MISSING' = session.code;
    await client.login();
  }
  const upload = await client.uploadFile<{ ok: boolean }>({ url: '/api/files', filePath: 'wxfile://a', name: 'file' });
  const ok: boolean = upload.data.ok;
  const off: () => void = client.on('change', (s: LoginState | null) => { if (s) { const u: User | null = s.user; } });
  off();
  const { revoked }: { revoked: boolean } = await client.logout({ all: true });
  const compat = await onUni.login();
  const nick: string | null | undefined = compat.userinfo?.nickName;
  try {
    await client.request({ url: '/api/orders' });
  } catch (e) {
    if (e instanceof NetworkError) {
      const interrupted: boolean = e.interrupted;
    } else if (e instanceof ApiError) {
      const retryAfter: number | undefined = e.retryAfter;
    }
  }
  void [expiresAt, orders, type, id, renamed, avatar, masked, ok, revoked, nick];
}

// The confirm page of a website's sign-in code: onLoad(options) gets the code's scene.
async function confirmPage(options: { scene?: string }): Promise<void> {
  try {
    const scan: WebLoginScan = await client.scanTicket(options.scene ?? '');
    const name: string = scan.client.name;
    const asked: string[] = scan.scopes.map((s) => s.description);
    const host: string | null = scan.client.redirectHost;
    const from: string | null = scan.requester.address;
    const device: string = `${scan.requester.browser} (${scan.requester.os}) at ${scan.requester.requestedAt}`;
    const confirmTwice: boolean = !scan.requester.sameNetwork;
    void [host, from, device, confirmTwice];
    const answer: WebLoginConfirmation = await client.confirmWebLogin(scan.ticket, { approve: true });
    const approved: boolean = answer.status === 'APPROVED';
    void [name, asked, approved];
  } catch (e) {
    if (e instanceof InvalidSceneError) {
      const code: 'WEB_LOGIN_SCENE_INVALID' = e.code;
      void code;
    } else if (e instanceof ApiError && e.code === 'WEB_LOGIN_TICKET_EXPIRED') {
      const status: number = e.status;
      void status;
    }
  }
}

// @ts-expect-error wx.request cannot send PATCH, so neither can the SDK
client.request({ url: '/api/v1/me', method: 'PATCH' });
// @ts-expect-error baseUrl is required
createClient({ appid: 'wx1' });
// @ts-expect-error gender is 0, 1 or 2
client.updateMe({ gender: 7 });
// @ts-expect-error no such event
client.on('login-failed', () => undefined);
// @ts-expect-error a code the service does not have is not an ApiError code
const unknownCode: ApiError['code'] = 'NO_SUCH_CODE';

// Events carry their own payloads; errors narrow by name and code.
client.on('storageError', (e) => { const op: 'read' | 'write' = e.operation; void op; });
client.on('logout', ({ all }) => { const everywhere: boolean = all; void everywhere; });
client.on('authLost', (e) => { const cause: ApiError = e.cause; void cause; });
async function narrowing(): Promise<void> {
  const token: string = await client.getAccessToken();
  const resources = createClient({ baseUrl: 'https://login.example.com', resourceOrigins: ['https://api.example.com'], autoLogin: false, maxConcurrentRequests: 4 });
  const loggedOut: boolean = resources.isLoggedOut();
  try {
    await resources.request({ url: 'https://api.example.com/orders' });
  } catch (raw) {
    const e = raw as SdkError;
    if (e.name === 'LoggedOutError') {
      const code: 'LOGGED_OUT' = e.code;
      const zh: string = e.messageZh;
      void [code, zh];
    } else if (e.code === 'NETWORK_ERROR') {
      const interrupted: boolean = e.interrupted;
      void interrupted;
    } else if (e.name === 'ApiError' && e.code === 'TOKEN_EXPIRED') {
      const status: number = e.status;
      void status;
    }
  }
  void [token, loggedOut, unknownCode];
}
void narrowing;

// @ts-expect-error approve is a boolean: a truthy string must not approve a sign-in
client.confirmWebLogin('q-Zx_3vN8aB1cD2eF3gH4i', { approve: 'yes' });
// @ts-expect-error approve must be said, there is no default
client.confirmWebLogin('q-Zx_3vN8aB1cD2eF3gH4i');

// Phone binding from each platform's button, then a link to the person's account on another platform.
async function onGetPhoneNumber(e: WechatMiniprogram.ButtonGetPhoneNumber): Promise<void> {
  try {
    const phone: Phone = await client.bindPhone(e.detail);
    const candidates: LinkCandidate[] = phone.linkCandidates ?? [];
    if (candidates.length > 0) {
      const link: PlatformLink = await client.linkAccount(candidates[0]);
      const other: number = link.userId;
      const linked: PlatformLink[] = (await client.me()).linkedAccounts;
      await client.unlinkAccount(other);
      await client.unlinkAccount(linked[0]);
      const stored = client.getState()?.user;
      const known: PlatformLink[] | undefined = stored && 'linkedAccounts' in stored ? stored.linkedAccounts : undefined;
      void known;
    }
  } catch (err) {
    if (err instanceof WxCallError) {
      const declined: string = err.errMsg;
      void declined;
    } else if (err instanceof ApiError && err.code === 'LINK_PROOF_EXPIRED') {
      const status: number = err.status;
      void status;
    }
  }
}
async function otherPlatforms(): Promise<void> {
  await client.bindPhone({ encryptedData: 'x', iv: 'y' }); // Douyin, QQ
  await client.bindPhone({ response: '{"response":"...","sign":"..."}' }); // Alipay's my.getPhoneNumber result
  await client.linkAccount('ttsandbox000000001');
}
// @ts-expect-error a number is no phone proof
client.bindPhone(13812345678);
// @ts-expect-error nor is an object of none of the platforms' fields
client.bindPhone({ phoneNumber: '13812345678' });
// @ts-expect-error Alipay's response is the string it answered, not a parsed object
client.bindPhone({ response: { sign: 'x' } });
// @ts-expect-error unlinkAccount takes the user id as a number
client.unlinkAccount('1234567890');
// @ts-expect-error linkAccount names the candidate's app
client.linkAccount(1234567890);

void page;
void confirmPage;
void onGetPhoneNumber;
void otherPlatforms;

// Douyin, Alipay and QQ: the platform named, or found from its global.
declare const my: {
  getAuthCode(option: { scopes: string | string[]; success?: (res: { authCode: string }) => void; fail?: (err: any) => void }): void;
  request(option: any): void;
  uploadFile(option: any): void;
  getStorageSync(option: { key: string }): { data?: any };
  setStorageSync(option: { key: string; data: any }): void;
  removeStorageSync(option: { key: string }): void;
};
createClient({ baseUrl: 'https://login.example.com', wx: my, platform: 'alipay' });
createClient({ baseUrl: 'https://login.example.com', platform: 'douyin', douyinForceLogin: true });
// @ts-expect-error only the four platforms
createClient({ baseUrl: 'https://login.example.com', platform: 'baidu' });
