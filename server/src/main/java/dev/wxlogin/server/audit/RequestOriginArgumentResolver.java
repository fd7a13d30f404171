package dev.wxlogin.server.audit;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Hands a handler's {@link RequestOrigin} parameter the origin of the request it serves, and its {@link AdminActor} the admin acting. */
final class RequestOriginArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == RequestOrigin.class || parameter.getParameterType() == AdminActor.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
                                         WebDataBinderFactory binders) {
        HttpServletRequest http = request.getNativeRequest(HttpServletRequest.class);
        RequestOrigin origin = http == null ? RequestOrigin.NONE : RequestOrigin.of(http);
        if (parameter.getParameterType() == RequestOrigin.class) {
            return origin;
        }
        Principal admin = request.getUserPrincipal();
        if (admin == null) {
            throw new IllegalStateException("an AdminActor parameter on an endpoint open to anonymous callers");
        }
        return new AdminActor(admin.getName(), origin);
    }
}
