/// <reference types="miniprogram-api-typings" />

// Typings of wxlogin-miniprogram. The response interfaces (User, Phone, TokenPair, LoginResponse,
// LegacyLoginResponse, WxSessionResponse, ProfileChanges, ErrorBody, WebLoginScan, WebLoginConfirmation)
// are checked against the service's OpenAPI document by the package's tests.

/** The HTTP methods wx.request can send (it has no PATCH). */
export type HttpMethod = NonNullable<WechatMiniprogram.RequestOption['method']>;

/** The stable error codes of the service (see the project's docs/api.md). */
export type ServiceErrorCode =
  | 'MALFORMED_REQUEST' | 'MALFORMED_BODY' | 'CODE_MISSING' | 'INVALID_FIELD' | 'REQUEST_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE' | 'NOT_ACCEPTABLE' | 'METHOD_NOT_ALLOWED' | 'NOT_FOUND' | 'APP_REQUIRED' | 'APP_UNKNOWN'
  | 'DATA_IV_INVALID' | 'DATA_ENCRYPTED_INVALID' | 'DATA_DECRYPT_FAILED' | 'DATA_SIGNATURE_INVALID'
  | 'DATA_OPENID_MISMATCH'
  | 'TOKEN_MISSING' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED' | 'REFRESH_TOKEN_INVALID' | 'REFRESH_TOKEN_REUSED'
  | 'ACCESS_DENIED' | 'TOKEN_WRONG_APP' | 'USER_DISABLED' | 'USER_NOT_FOUND' | 'SESSION_KEY_MISSING' | 'WX_SESSION_KEY_STALE'
  | 'PHONE_CODE_IN_PROGRESS' | 'PHONE_CODE_OTHER_USER' | 'WX_PHONE_CODE_INVALID' | 'PHONE_NOT_BOUND' | 'PHONE_CODE_ABANDONED'
  | 'AVATAR_TOO_LARGE' | 'AVATAR_UNSUPPORTED_TYPE'
  | 'WX_CODE_INVALID' | 'WX_CODE_USED' | 'WX_USER_BLOCKED' | 'RATE_LIMITED' | 'WX_RATE_LIMITED' | 'WX_BUSY'
  | 'WX_UNREACHABLE' | 'WX_BAD_RESPONSE' | 'WX_TIMEOUT' | 'WX_CONFIG_REJECTED' | 'WX_IP_NOT_WHITELISTED'
  | 'WX_ACCESS_TOKEN_INVALID' | 'WX_ACCESS_TOKEN_EXPIRED' | 'WX_DAILY_LIMIT' | 'WX_OPENID_INVALID' | 'WX_ERROR'
  | 'WEB_LOGIN_TICKET_UNKNOWN' | 'WEB_LOGIN_TICKET_EXPIRED' | 'WEB_LOGIN_TICKET_USED' | 'WEB_LOGIN_TICKET_OTHER_USER'
  | 'DATABASE_UNAVAILABLE' | 'INTERNAL_ERROR';

/** The codes the SDK itself gives when the service could not be asked or answered oddly. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'WX_CALL_FAILED' | 'INVALID_RESPONSE' | 'WEB_LOGIN_SCENE_INVALID';

// ---- bodies the service answers

/** A bound phone number; masked (138****5678) unless revealed. */
export interface Phone {
  phoneNumber: string;
  /** only when revealed */
  purePhoneNumber?: string;
  countryCode: string;
  verifiedAt: string;
  masked: boolean;
}

/** The user as GET /api/v1/me answers it. `id` is below 2^53, so it is exact in JavaScript. */
export interface User {
  id: number;
  appid: string;
  openid: string;
  unionid: string | null;
  nickname: string | null;
  avatarUrl: string | null;
  /** 0 unknown, 1 male, 2 female */
  gender: 0 | 1 | 2 | null;
  country: string | null;
  province: string | null;
  city: string | null;
  language: string | null;
  createdAt: string;
  lastLoginAt: string;
  /** masked, or null when none is bound */
  phone: Phone | null;
}

/** POST /api/v1/token/refresh */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** seconds until the access token expires */
  expiresIn: number;
  tokenType: 'Bearer';
}

/** POST /api/v1/login */
export interface LoginResponse {
  user: User;
  newUser: boolean;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

/** WeChat's user info as the compatible endpoint answers it (decrypted, or from the stored profile). */
export interface LegacyUserInfo {
  openId: string;
  nickName: string | null;
  gender: number | null;
  language: string | null;
  city: string | null;
  province: string | null;
  country: string | null;
  avatarUrl: string | null;
  unionId?: string;
  /** present when the user info came encrypted */
  watermark?: { appid: string; timestamp: number };
}

/** POST /user/wxlogin */
export interface LegacyLoginResponse {
  code: 200;
  msg: string;
  userinfo: LegacyUserInfo;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

/** GET /api/v1/wx/session (a stale key is answered as a 409 error instead) */
export interface WxSessionResponse {
  valid: boolean;
}

/** The website (OpenID Connect client) that asks to sign the user in. */
export interface WebLoginClient {
  clientId: string;
  /** what to show the user */
  name: string;
}

/** One scope the website asks for, with the text to show the user. */
export interface WebLoginScope {
  scope: string;
  description: string;
}

/** POST /api/v1/web-login/{ticket}/scan: what the scanned ticket asks for. */
export interface WebLoginScan {
  /** the ticket id, to pass to confirmWebLogin() */
  ticket: string;
  client: WebLoginClient;
  scopes: WebLoginScope[];
  /** ISO-8601 instant; after it the ticket answers WEB_LOGIN_TICKET_EXPIRED */
  expiresAt: string;
  status: 'SCANNED';
}

/** POST /api/v1/web-login/{ticket}/confirm */
export interface WebLoginConfirmation {
  status: 'APPROVED' | 'DENIED';
}

/** The body of an error answer of the API. */
export interface ErrorBody {
  code: ServiceErrorCode;
  status: number;
  message: string;
  messageZh: string;
}

/** The body of an error answer of the compatible /user/** endpoints: `code` is the HTTP status. */
export interface LegacyErrorBody {
  code: number;
  msg: string;
  error: ServiceErrorCode;
}

/** What updateMe() may change; omitted fields are kept. */
export interface ProfileChanges {
  /** 1 to 100 characters; read it from the form's submit event of <input type="nickname"> */
  nickname?: string;
  /** an https:// URL (an uploaded avatar is set by uploadAvatar()) */
  avatarUrl?: string;
  gender?: 0 | 1 | 2;
  country?: string;
  province?: string;
  city?: string;
  language?: string;
}

// ---- the SDK

/** The login state, stored as one object under the storage key. */
export interface LoginState {
  accessToken: string;
  refreshToken: string;
  /** epoch milliseconds on the device clock, a little before the service's expiry */
  expiresAt: number;
  user: User | null;
}

export interface LoginResult {
  /** our user (null with the compatible endpoint: call me()) */
  user: User | null;
  newUser?: boolean;
  /** WeChat's user info, only with compatLogin() */
  userinfo?: LegacyUserInfo | null;
}

export interface RequestParams {
  /** a path of the service ("/api/orders") or a full URL; tokens go only to the service's own URLs */
  url: string;
  method?: HttpMethod;
  data?: string | WechatMiniprogram.IAnyObject | ArrayBuffer;
  header?: Record<string, string>;
  timeout?: number;
  dataType?: string;
  responseType?: 'text' | 'arraybuffer';
  /** false sends the request without the access token */
  auth?: boolean;
}

export interface UploadParams {
  url: string;
  /** a temporary file path, e.g. chooseAvatar's e.detail.avatarUrl */
  filePath: string;
  /** the multipart field name */
  name: string;
  formData?: WechatMiniprogram.IAnyObject;
  header?: Record<string, string>;
  timeout?: number;
  auth?: boolean;
}

/** The answer of request()/uploadFile() for every HTTP status; uploadFile's string body is parsed. */
export interface Response<T = any> {
  statusCode: number;
  data: T;
  /** names in whatever case the platform gave: read them with headerValue() */
  header: Record<string, string>;
}

export type WxSessionCheck =
  | { valid: true }
  | { valid: false; code: 'WX_SESSION_KEY_STALE' | 'SESSION_KEY_MISSING' };

/** What the SDK needs of the platform object: WeChat's wx, uni-app's uni, or Taro. */
export interface PlatformApi {
  login(option: WechatMiniprogram.LoginOption): any;
  request(option: WechatMiniprogram.RequestOption): any;
  uploadFile(option: WechatMiniprogram.UploadFileOption): any;
  getStorageSync(key: string): any;
  setStorageSync(key: string, data: any): void;
  removeStorageSync?(key: string): void;
  /** only used by compatLogin({ withUserInfo: true }) */
  getUserInfo?(option: WechatMiniprogram.GetUserInfoOption): any;
}

/** Where and how the SDK logs in: the default POST /api/v1/login, or compatLogin(). */
export interface LoginEndpoint {
  readonly path: string;
  readonly withUserInfo: boolean;
}

export interface ClientOptions {
  /** the service, e.g. "https://login.example.com" */
  baseUrl: string;
  /** sent as X-WxLogin-AppId; real mini programs are recognised by their Referer without it */
  appid?: string;
  /** defaults to the global wx; pass uni (uni-app) or Taro */
  wx?: PlatformApi;
  /** default "wxlogin" */
  storageKey?: string;
  /** called once when the login state is gone and a silent re-login was refused too */
  onAuthLost?: (error: AuthLostError) => void;
  /** compatLogin() to log in through POST /user/wxlogin */
  loginEndpoint?: LoginEndpoint;
  /** how much earlier than the service the device treats the access token as expired (default 60, at most a tenth of its life) */
  expiryLeewaySeconds?: number;
}

export interface WxLoginClient {
  /** wx.login() and the service's login; one in flight at a time, shared by every caller. */
  login(): Promise<LoginResult>;
  /** The stored state, after logging in if there is none. */
  ensureLogin(): Promise<LoginState>;
  /** wx.request with the access token; resolves for every HTTP status, rejects on network failure or a lost login. */
  request<T = any>(params: RequestParams): Promise<Response<T>>;
  /** wx.uploadFile with the access token; the same 401 handling as request(). */
  uploadFile<T = any>(params: UploadParams): Promise<Response<T>>;
  /** Trades the refresh token for a new pair (joining a refresh in flight). */
  refresh(): Promise<LoginState>;
  /** Ends this login (or every login of the user with all) and clears the storage, even offline. */
  logout(options?: { all?: boolean }): Promise<{ revoked: boolean }>;
  me(): Promise<User>;
  updateMe(fields: ProfileChanges): Promise<User>;
  /** Uploads chooseAvatar's temporary file as the avatar. */
  uploadAvatar(tempFilePath: string): Promise<User>;
  /** Binds the number of getPhoneNumber's e.detail.code. */
  bindPhone(code: string, options?: { reveal?: boolean }): Promise<Phone>;
  /** Whether the service's WeChat session_key is current; when not, login() before sending encrypted data. */
  checkWxSession(): Promise<WxSessionCheck>;
  /**
   * Marks the ticket of a scanned website code as scanned by this user (logging in first if needed) and
   * resolves which client asks for which scopes. `scene` is the page's `options.scene`, URL-encoded as
   * WeChat passes it; one that is not a ticket id rejects with InvalidSceneError before any request.
   */
  scanTicket(scene: string): Promise<WebLoginScan>;
  /** Approves (signs the website in as this user) or denies the ticket this user scanned. */
  confirmWebLogin(ticket: string, options: { approve: boolean }): Promise<WebLoginConfirmation>;
  /** Called with the new state (or null) whenever this client stores or clears it; returns an unsubscribe function. */
  on(event: 'change', listener: (state: LoginState | null) => void): () => void;
  /** The stored state, or null. */
  getState(): LoginState | null;
}

export function createClient(options: ClientOptions): WxLoginClient;

export interface CompatLoginOptions {
  /** call wx.getUserInfo() after every wx.login() and send its encrypted data */
  withUserInfo?: boolean;
  /** default "/user/wxlogin" */
  path?: string;
}

/** The opt-in adapter for the compatible POST /user/wxlogin endpoint. */
export function compatLogin(options?: CompatLoginOptions): LoginEndpoint;

/** A response header's value, its name compared case-insensitively. */
export function headerValue(header: Record<string, string> | undefined, name: string): string | undefined;

export class WxLoginError extends Error {
  readonly code: ServiceErrorCode | ClientErrorCode | string;
  readonly status?: number;
  readonly messageZh?: string;
}

/** The service answered an error status. */
export class ApiError extends WxLoginError {
  readonly status: number;
  /** seconds, from Retry-After */
  readonly retryAfter?: number;
  readonly data: unknown;
}

/** The request did not complete; the login state is kept. */
export class NetworkError extends WxLoginError {
  readonly code: 'NETWORK_ERROR';
  readonly errMsg: string;
  /** the app went to the background while the request ran */
  readonly interrupted: boolean;
}

/** A platform call (wx.login) failed; the login state is kept. */
export class WxCallError extends WxLoginError {
  readonly code: 'WX_CALL_FAILED';
  readonly api: string;
  readonly errMsg: string;
}

/** The login state is gone: the refresh and a silent re-login were refused. */
export class AuthLostError extends WxLoginError {
  readonly cause: ApiError;
}

/** A scanned code's scene is not a web sign-in ticket; raised before any request. */
export class InvalidSceneError extends WxLoginError {
  readonly code: 'WEB_LOGIN_SCENE_INVALID';
  /** the value as the page received it */
  readonly scene: unknown;
}
