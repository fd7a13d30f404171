package dev.wxlogin.server.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing-credentials start into a short message instead of a stack trace. */
class MissingWeChatCredentialsFailureAnalyzer extends AbstractFailureAnalyzer<MissingWeChatCredentialsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingWeChatCredentialsException cause) {
        return new FailureAnalysis(
                "wxlogin has no WeChat credentials: WXLOGIN_APPID and WXLOGIN_SECRET are not set, and sandbox mode is off.",
                "Set WXLOGIN_APPID and WXLOGIN_SECRET to your mini program's AppID and AppSecret, "
                        + "or start the demo against the sandbox WeChat with WXLOGIN_SANDBOX=true (never in production).",
                cause);
    }
}
