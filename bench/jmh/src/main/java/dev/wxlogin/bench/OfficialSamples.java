package dev.wxlogin.bench;

/**
 * WeChat's published samples (the WXBizDataCrypt demo and the rawData signature example), the same
 * values as {@code wechat/src/test/resources/wechat-official-samples.json} and
 * {@code shared/testdata/wechat-official-samples.json}; copied here so the benchmark jar stands alone.
 */
final class OfficialSamples {

    static final String APPID = "wx4f4bc4dec97d474b";
    static final String SESSION_KEY = "tiihtNczf5v6AKRyjwEUhQ==";
    static final String IV = "r7BXXKkLb8qrSNn05n0qiA==";
    static final String ENCRYPTED_DATA = "CiyLU1Aw2KjvrjMdj8YKliAjtP4gsMZMQmRzooG2xrDcvSnxIMXFufNstNGTyaGS9uT5geRa0W4oTOb1WT7fJlAC"
            + "+oNPdbB+3hVbJSRgv+4lGOETKUQz6OYStslQ142dNCuabNPGBzlooOmB231qMM85d2/fV6ChevvXvQP8Hkue1poOFtnEtpyxVLW1zAo6/1Xx"
            + "1COxFvrc2d7UL/lmHInNlxuacJXwu0fjpXfz/YqYzBIBzD6WUfTIF9GRHpOn/Hz7saL8xz+W//FRAUid1OksQaQx4CMs8LOddcQhULW4ucet"
            + "Df96JcR3g0gfRK4PC7E/r7Z6xNrXd2UIeorGj5Ef7b1pJAYB6Y5anaHqZ9J6nKEBvB4DnNLIVWSgARns/8wR2SiRS7MNACwTyrGvt9ts8p12"
            + "PKFdlqYTopNHR1Vf7XjfhQlVsAJdNiKdYmYVoKlaRv85IfVunYzO0IKXsyl7JCUjCpoG20f0a04COwfneQAGGwd5oa+T8yO5hzuyDb/Xcxxm"
            + "K01EpqOyuxINew==";
    static final String EXPECTED_OPENID = "oGZUI0egBJY1zhBYw2KhdUfwVJJE";

    static final String RAW_SESSION_KEY = "HyVFkGl5F5OQWJZZaNzBBg==";
    static final String RAW_DATA = "{\"nickName\":\"Band\",\"gender\":1,\"language\":\"zh_CN\",\"city\":\"Guangzhou\","
            + "\"province\":\"Guangdong\",\"country\":\"CN\",\"avatarUrl\":\"http://wx.qlogo.cn/mmopen/vi_32/"
            + "1vZvI39NWFQ9XM4LtQpFrQJ1xlgZxx3w7bQxKARol6503Iuswjjn6nIGBiaycAjAtpujxyzYsrztuuICqIM5ibXQ/0\"}";
    static final String RAW_SIGNATURE = "75e81ceda165f4ffa64f4068af58c64b8f54b88c";

    private OfficialSamples() {
    }
}
