package dev.wxlogin.server.platform;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.wxlogin.server.app.MiniProgramApp;
import dev.wxlogin.server.app.Platform;

/** The {@link CodeExchange} of each platform: a login hands it the app and what the page sent. */
@Component
public class CodeExchanges {

    private final Map<Platform, CodeExchange> byPlatform = new EnumMap<>(Platform.class);

    CodeExchanges(List<CodeExchange> exchanges) {
        for (CodeExchange exchange : exchanges) {
            if (byPlatform.put(exchange.platform(), exchange) != null) {
                throw new IllegalStateException("two code exchanges for " + exchange.platform().wireName());
            }
        }
        for (Platform platform : Platform.values()) {
            if (!byPlatform.containsKey(platform)) {
                throw new IllegalStateException("no code exchange for " + platform.wireName());
            }
        }
    }

    /**
     * Who logged in to {@code app}, by its platform's exchange.
     *
     * @see CodeExchange#exchange(MiniProgramApp, LoginCodes)
     */
    public PlatformSession exchange(MiniProgramApp app, LoginCodes codes) {
        return byPlatform.get(app.platform()).exchange(app, codes);
    }
}
