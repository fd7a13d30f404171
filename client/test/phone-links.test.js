'use strict';

// Phone binding on every platform and account linking across platforms, through the SDK against the
// real service in sandbox mode: each platform's phone payload comes from the service's own sandbox
// (WeChat's phone code and legacy encryptedData/iv, Douyin's and QQ's encryptedData/iv, Alipay's signed
// and encrypted my.getPhoneNumber answer), passed to bindPhone() as the page gets it.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');

const { createClient, ApiError, WxCallError, WxLoginError } = require('..');
const { startService, sandboxPost } = require('./support/service');
const { nodeWx } = require('./support/node-wx');
const { nodeTt, nodeQq, nodeMy } = require('./support/platform-fakes');

const DEMO_APPS = { douyin: 'ttsandbox000000001', qq: '1109000001', alipay: '2021000000000001' };

let service;
let people = 0;
let numbers = 0;
const newPerson = () => `phone-${process.pid}-${++people}`;
/** A mainland mobile number no other test holds. */
const newNumber = () => `139${String(process.pid % 10000).padStart(4, '0')}${String(++numbers).padStart(4, '0')}`;

before(async () => {
  service = await startService();
});

after(async () => {
  if (service) await service.stop();
});

/** A logged-in client of `person` on `platform`, with the platform object's recorder. */
async function loggedIn(platform, person) {
  const make = { wechat: nodeWx, douyin: nodeTt, qq: nodeQq, alipay: nodeMy }[platform];
  const phone = make({ sandboxUrl: service.sandboxUrl, user: person });
  const client = createClient({ baseUrl: service.baseUrl, wx: phone.api, platform, appid: DEMO_APPS[platform] });
  await client.login();
  return { client, phone, person, platform, appid: DEMO_APPS[platform] || client.getState().user.appid };
}

/** What the platform's getPhoneNumber gives the page for `number`: e.detail, or Alipay's success result. */
async function phoneDetail({ platform, person, appid }, number) {
  if (platform === 'alipay') {
    const { response } = await sandboxPost(service.sandboxUrl, '/alipay/sandbox/phone/alipay/phone-number', { appid, user: person, mobile: number });
    return { response };
  }
  const encrypted = await sandboxPost(service.sandboxUrl, '/sandbox/phone/phone-encrypted', { appid, user: person, phoneNumber: number });
  const detail = { errMsg: 'getPhoneNumber:ok', encryptedData: encrypted.encryptedData, iv: encrypted.iv };
  if (platform === 'wechat') {
    // Current WeChat base libraries put the code beside the legacy encrypted data.
    detail.code = (await sandboxPost(service.sandboxUrl, '/sandbox/phone/phonecode', { appid, user: person, phoneNumber: number })).code;
  }
  return detail;
}

/** The bodies the SDK sent to POST /api/v1/me/phone. */
function phoneBodies(phone) {
  return phone.state.sent.filter((r) => r.path === '/api/v1/me/phone').map((r) => JSON.parse(r.body));
}

const masked = (number) => number.slice(0, 3) + '****' + number.slice(7);

describe('bindPhone() on each platform', () => {
  test('wechat: the code string, as before, binds the number and the stored user shows it masked', async () => {
    const account = await loggedIn('wechat', newPerson());
    const number = newNumber();
    const { code } = await sandboxPost(service.sandboxUrl, '/sandbox/phone/phonecode', { user: account.person, phoneNumber: number });

    const bound = await account.client.bindPhone(code);

    assert.equal(bound.phoneNumber, masked(number));
    assert.equal(bound.countryCode, '86');
    assert.equal(bound.masked, true);
    assert.deepEqual(phoneBodies(account.phone), [{ code }]);
    assert.equal(account.client.getState().user.phone.phoneNumber, masked(number));
  });

  test('wechat: e.detail carrying both forms sends the code alone; the legacy detail sends encryptedData and iv', async () => {
    const account = await loggedIn('wechat', newPerson());
    const number = newNumber();
    const detail = await phoneDetail(account, number);

    const bound = await account.client.bindPhone(detail, { reveal: true });
    const legacy = await account.client.bindPhone({ encryptedData: detail.encryptedData, iv: detail.iv });

    assert.equal(bound.phoneNumber, number);
    assert.equal(bound.purePhoneNumber, number);
    assert.equal(bound.masked, false);
    assert.equal(legacy.phoneNumber, masked(number));
    assert.deepEqual(phoneBodies(account.phone), [{ code: detail.code }, { encryptedData: detail.encryptedData, iv: detail.iv }]);
    assert.equal(account.client.getState().user.phone.phoneNumber, masked(number), 'the stored user keeps the number masked');
  });

  for (const platform of ['douyin', 'qq']) {
    test(`${platform}: the getPhoneNumber detail sends encryptedData and iv, and binds the number`, async () => {
      const account = await loggedIn(platform, newPerson());
      const number = newNumber();
      const detail = await phoneDetail(account, number);
      // Douyin's newer base libraries add a code the service does not exchange: the encrypted data goes.
      const given = platform === 'douyin' ? { ...detail, code: 'douyin-phone-code' } : detail;

      const bound = await account.client.bindPhone(given);
      const me = await account.client.me();

      assert.equal(bound.phoneNumber, masked(number));
      assert.equal(bound.masked, true);
      assert.deepEqual(phoneBodies(account.phone), [{ encryptedData: detail.encryptedData, iv: detail.iv }]);
      assert.equal(me.phone.phoneNumber, masked(number));
      assert.equal(account.client.getState().user.phone.phoneNumber, masked(number));
    });
  }

  test('alipay: my.getPhoneNumber\'s success result sends its response string unchanged, and binds the number', async () => {
    const account = await loggedIn('alipay', newPerson());
    const number = newNumber();
    const result = await phoneDetail(account, number);

    const bound = await account.client.bindPhone(result, { reveal: true });

    assert.equal(bound.phoneNumber, number);
    assert.equal(bound.countryCode, '86');
    assert.deepEqual(phoneBodies(account.phone), [{ response: result.response }]);
  });

  test('a body of another platform\'s shape is the service\'s PHONE_FORMAT_WRONG_PLATFORM', async () => {
    const account = await loggedIn('qq', newPerson());

    await assert.rejects(account.client.bindPhone('a-wechat-style-code'), (e) => {
      assert.ok(e instanceof ApiError);
      assert.equal(e.code, 'PHONE_FORMAT_WRONG_PLATFORM');
      assert.equal(e.status, 400);
      return true;
    });
  });
});

describe('bad arguments', () => {
  test('bindPhone() refuses what no platform gives with a TypeError, and sends nothing', async () => {
    const account = await loggedIn('wechat', newPerson());
    const sentBefore = account.phone.state.sent.length;
    const refused = [
      [undefined, /pass a code string/],
      [null, /got null/],
      ['', /the code is blank/],
      ['   ', /the code is blank/],
      [42, /got number/],
      [['code'], /got an array/],
      [{}, /none of code, encryptedData\/iv, response/],
      [{ code: 42 }, /code must be a non-blank string/],
      [{ encryptedData: 'abc' }, /encryptedData and iv must both be/],
      [{ encryptedData: 'abc', iv: '' }, /encryptedData and iv must both be/],
      [{ response: { sign: 'x' } }, /response must be the string my.getPhoneNumber answered/],
      [{ response: 'x', code: 'y' }, /\{response\} alone/],
      [{ type: 'getphonenumber', detail: { code: 'c' } }, /pass the event's detail \(e.detail\)/]
    ];
    for (const [given, message] of refused) {
      await assert.rejects(account.client.bindPhone(given), (e) => {
        assert.ok(e instanceof TypeError, `${JSON.stringify(given)}: ${e}`);
        assert.match(e.message, message);
        return true;
      });
    }
    assert.equal(account.phone.state.sent.length, sentBefore);
  });

  test('a declined button (e.detail with only errMsg) is a WxCallError, before any request', async () => {
    const account = await loggedIn('douyin', newPerson());
    const sentBefore = account.phone.state.sent.length;

    await assert.rejects(account.client.bindPhone({ errMsg: 'getPhoneNumber:fail auth deny' }), (e) => {
      assert.ok(e instanceof WxCallError);
      assert.equal(e.code, 'WX_CALL_FAILED');
      assert.equal(e.api, 'getPhoneNumber');
      assert.equal(e.errMsg, 'getPhoneNumber:fail auth deny');
      return true;
    });
    assert.equal(account.phone.state.sent.length, sentBefore);
  });

  test('linkAccount() and unlinkAccount() refuse arguments that name no account', async () => {
    const account = await loggedIn('wechat', newPerson());
    const sentBefore = account.phone.state.sent.length;

    for (const given of [undefined, '', {}, { appid: 7 }]) {
      await assert.rejects(account.client.linkAccount(given), /TypeError: linkAccount: pass an entry of bindPhone\(\)'s linkCandidates/);
    }
    for (const given of [undefined, '123', 0, -5, 1.5, {}, { userId: '9' }]) {
      await assert.rejects(account.client.unlinkAccount(given), /TypeError: unlinkAccount: pass the userId/);
    }
    assert.equal(account.phone.state.sent.length, sentBefore);
  });
});

describe('linking one person\'s accounts across platforms', () => {
  test('wechat and douyin: the second binding offers the first, linkAccount() confirms it, both me() show it, unlinkAccount() removes it', async () => {
    const person = newPerson();
    const number = newNumber();
    const wechat = await loggedIn('wechat', person);
    const douyin = await loggedIn('douyin', person);
    await wechat.client.bindPhone(await phoneDetail(wechat, number));
    await douyin.client.me(); // the stored user now holds linkedAccounts: []

    const bound = await douyin.client.bindPhone(await phoneDetail(douyin, number));
    assert.deepEqual(bound.linkCandidates, [{ platform: 'wechat', appid: wechat.appid, nickname: bound.linkCandidates[0].nickname }]);
    assert.equal(douyin.client.getState().user.phone.linkCandidates, undefined, 'candidates are an offer, not the stored phone');

    const link = await douyin.client.linkAccount(bound.linkCandidates[0]);

    const wechatId = wechat.client.getState().user.id;
    const douyinId = douyin.client.getState().user.id;
    assert.equal(link.platform, 'wechat');
    assert.equal(link.userId, wechatId);
    assert.equal(link.appid, wechat.appid);
    assert.equal(link.confirmedBy, douyinId);
    assert.deepEqual(douyin.client.getState().user.linkedAccounts, [link], 'the stored user follows the link');
    const douyinMe = await douyin.client.me();
    const wechatMe = await wechat.client.me();
    assert.deepEqual(douyinMe.linkedAccounts.map((l) => [l.platform, l.userId]), [['wechat', wechatId]]);
    assert.deepEqual(wechatMe.linkedAccounts.map((l) => [l.platform, l.userId, l.confirmedBy]), [['douyin', douyinId, douyinId]]);
    assert.equal(wechatMe.id, wechatId, 'nothing merged');
    await wechat.client.updateMe({ nickname: 'Kim' });
    assert.deepEqual(wechat.client.getState().user.linkedAccounts, wechatMe.linkedAccounts, 'an answer without links keeps the stored ones');
    assert.equal(wechat.client.getState().user.nickname, 'Kim');

    const again = await douyin.client.linkAccount(wechat.appid);
    assert.deepEqual(again, link, 'confirming again answers the one link');

    await wechat.client.unlinkAccount(wechatMe.linkedAccounts[0]);

    assert.deepEqual(wechat.client.getState().user.linkedAccounts, []);
    assert.deepEqual((await douyin.client.me()).linkedAccounts, []);
    assert.deepEqual((await wechat.client.me()).linkedAccounts, []);
    assert.deepEqual(douyin.phone.state.sent.filter((r) => r.path.startsWith('/api/v1/me/links')).map((r) => `${r.method} ${r.path} ${r.status}`),
      ['POST /api/v1/me/links 200', 'POST /api/v1/me/links 200']);
    assert.deepEqual(wechat.phone.state.sent.filter((r) => r.path.startsWith('/api/v1/me/links')).map((r) => `${r.method} ${r.path} ${r.status}`),
      [`DELETE /api/v1/me/links/${douyinId} 204`]);
  });

  test('qq and alipay accounts of the person link to the wechat one too, which then shows all three', async () => {
    const person = newPerson();
    const number = newNumber();
    const wechat = await loggedIn('wechat', person);
    await wechat.client.bindPhone(await phoneDetail(wechat, number));
    const linked = [];
    for (const platform of ['douyin', 'qq', 'alipay']) {
      const account = await loggedIn(platform, person);
      const bound = await account.client.bindPhone(await phoneDetail(account, number));
      const candidate = bound.linkCandidates.find((c) => c.platform === 'wechat');
      assert.ok(candidate, `${platform}: offered the wechat account: ${JSON.stringify(bound)}`);
      const link = await account.client.linkAccount(candidate);
      assert.equal(link.userId, wechat.client.getState().user.id);
      linked.push([platform, account.client.getState().user.id]);
    }

    const me = await wechat.client.me();

    assert.deepEqual(me.linkedAccounts.map((l) => [l.platform, l.userId]), linked);
    assert.deepEqual(wechat.client.getState().user.linkedAccounts, me.linkedAccounts);
  });

  test('a refused link or unlink is an ApiError (a WxLoginError) with the service\'s stable code', async () => {
    const person = newPerson();
    const douyin = await loggedIn('douyin', person);
    const expectRefusal = (promise, code, status) => assert.rejects(promise, (e) => {
      assert.ok(e instanceof WxLoginError, String(e));
      assert.ok(e instanceof ApiError);
      assert.equal(e.name, 'ApiError');
      assert.equal(e.code, code);
      assert.equal(e.status, status);
      assert.ok(e.messageZh, 'a message for the user');
      return true;
    });

    await expectRefusal(douyin.client.linkAccount('wx-no-such-app'), 'PHONE_NOT_BOUND', 404);
    await douyin.client.bindPhone(await phoneDetail(douyin, newNumber()));
    await expectRefusal(douyin.client.linkAccount(DEMO_APPS.douyin), 'LINK_SAME_PLATFORM', 400);
    await expectRefusal(douyin.client.linkAccount({ platform: 'qq', appid: DEMO_APPS.qq, nickname: null }), 'LINK_CANDIDATE_NOT_FOUND', 409);
    await expectRefusal(douyin.client.unlinkAccount(douyin.client.getState().user.id + 1), 'LINK_NOT_FOUND', 404);
  });
});
