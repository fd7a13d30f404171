package dev.wxlogin.server.config;

/** Thrown at start-up when neither real credentials nor sandbox mode were configured. */
public class MissingWeChatCredentialsException extends RuntimeException {

    public MissingWeChatCredentialsException() {
        super("WXLOGIN_APPID and WXLOGIN_SECRET are not set");
    }
}
