package dev.wxlogin.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/** WeChat's {@code POST /wxa/business/getuserphonenumber}: trades a phone code once for the number. */
final class PhoneNumberApi {

    static final String GET_USER_PHONE_NUMBER = "getuserphonenumber";

    private final SimulatedWeChatUsers users;
    private final AccessTokenApi tokens;
    private final Watermarks watermarks;

    PhoneNumberApi(SimulatedWeChatUsers users, AccessTokenApi tokens, Watermarks watermarks) {
        this.users = users;
        this.tokens = tokens;
        this.watermarks = watermarks;
    }

    Map<String, Object> getUserPhoneNumber(Map<String, String> query, byte[] rawBody) {
        AccessTokenApi.Authorized authorized = tokens.authorize(query);
        if (authorized.refusal() != null) {
            return authorized.refusal();
        }
        JsonNode request = AccessTokenApi.weChatJson(rawBody);
        if (request == null) {
            return SandboxReply.errcode(47001, "data format error");
        }
        JsonNode openid = request.get("openid");
        SimulatedWeChatUsers.PhoneExchange exchange = users.exchangePhoneCode(authorized.app().appid(),
                request.path("code").asString(null), openid != null && openid.isString() ? openid.asString() : null);
        if (exchange.problem() != null) {
            return SandboxReply.errcode(40029, "invalid code");
        }
        SimulatedWeChatUsers.Phone phone = exchange.phone();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("phoneNumber", phone.phoneNumber());
        info.put("purePhoneNumber", phone.purePhoneNumber());
        // WeChat's example answers the country code as a number here (and as text in encryptedData).
        info.put("countryCode", Long.parseLong(phone.countryCode()));
        info.put("watermark", watermarks.of(authorized.app(), MissingNode.getInstance()));
        Map<String, Object> answer = SandboxReply.ok();
        answer.put("phone_info", info);
        return answer;
    }
}
