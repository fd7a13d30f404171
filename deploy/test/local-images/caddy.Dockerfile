# Caddy from Debian's packages, started as the official caddy image starts it.
ARG BASE
FROM ${BASE}
ENV XDG_CONFIG_HOME=/config XDG_DATA_HOME=/data
CMD ["caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"]
