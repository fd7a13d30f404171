package dev.wxlogin.sandbox.alipay;

/** A failure the sandbox gateway can be told to answer the next call with, to test what a client does. */
public enum AlipayGatewayFault {
    /** {@code 20000 isp.unknow-error}, signed, as when Alipay's business system is down. */
    SYSTEM_BUSY,
    /** The real answer with one character of its node changed after signing, as a tampering proxy would. */
    TAMPERED_ANSWER,
    /** The real answer without its {@code sign}. */
    UNSIGNED_ANSWER,
    /** An HTML 502 page instead of the gateway's JSON. */
    BAD_GATEWAY
}
