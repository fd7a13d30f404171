package dev.wxlogin.alipay.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResponseEnvelopeTest {

    private static final String NODE = "alipay_system_oauth_token_response";

    @Test
    void cutsTheNodeExactlyAsSentSpacesEscapesAndBracesInStringsIncluded() {
        String node = "{ \"user_id\" : \"2088102150477652\", \"note\":\"a } \\\" { [\", \"nested\":{\"x\":[1,{\"y\":\"}\"}]} }";
        String body = "{\"" + NODE + "\": " + node + " ,\n \"sign\":\"abc==\"}";

        assertThat(ResponseEnvelope.find(body, NODE)).hasValue(new ResponseEnvelope(NODE, node));
    }

    @Test
    void findsTheNodeAfterOtherMembersAndTheSignBeforeIt() {
        String node = "{\"code\":\"10000\"}";
        String body = "{\"sign\":\"abc==\",\"alipay_cert_sn\":null,\"" + NODE + "\":" + node + "}";

        assertThat(ResponseEnvelope.find(body, NODE)).hasValue(new ResponseEnvelope(NODE, node));
    }

    @Test
    void fallsBackToTheErrorNode() {
        String node = "{\"code\":\"40002\",\"msg\":\"Invalid Arguments\",\"sub_code\":\"isv.code-invalid\",\"sub_msg\":\"授权码code无效\"}";
        String body = "{\"error_response\":" + node + ",\"sign\":\"abc==\"}";

        assertThat(ResponseEnvelope.find(body, NODE)).hasValue(new ResponseEnvelope("error_response", node));
    }

    @Test
    void ignoresTheNodeNameInsideValuesAndFindsNothingInNonsense() {
        String decoy = "{\"sign\":\"\\\"" + NODE + "\\\":{}\",\"other\":{\"" + NODE + "\":{\"user_id\":\"1\"}}}";

        assertThat(ResponseEnvelope.find(decoy, NODE)).isEmpty();
        assertThat(ResponseEnvelope.find("<html>502</html>", NODE)).isEmpty();
        assertThat(ResponseEnvelope.find("{\"" + NODE + "\":\"text\"}", NODE)).isEmpty();
        assertThat(ResponseEnvelope.find("{\"" + NODE + "\":{\"unterminated\":\"}", NODE)).isEmpty();
    }
}
