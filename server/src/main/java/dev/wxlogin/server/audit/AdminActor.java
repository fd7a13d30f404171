package dev.wxlogin.server.audit;

/**
 * An admin acting, as the audit log records them: who, and from where. Resolved once at the edge (a
 * handler's {@code AdminActor} parameter, {@link RequestOriginArgumentResolver}) and passed down.
 *
 * @param name   the admin's username, or the name of the API key
 * @param origin where the request came from
 */
public record AdminActor(String name, RequestOrigin origin) {

    @Override
    public String toString() {
        return name;
    }
}
