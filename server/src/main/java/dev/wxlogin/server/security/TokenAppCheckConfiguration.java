package dev.wxlogin.server.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Runs {@link TokenAppCheck} on the endpoints that need an access token. */
@Configuration(proxyBeanMethods = false)
class TokenAppCheckConfiguration implements WebMvcConfigurer {

    private final TokenAppCheck check;

    TokenAppCheckConfiguration(TokenAppCheck check) {
        this.check = check;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(check).addPathPatterns("/api/v1/me", "/api/v1/me/**", "/api/v1/logout/all", "/api/v1/wx/**");
    }
}
