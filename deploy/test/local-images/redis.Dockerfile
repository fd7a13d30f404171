# Redis from Debian's packages, started as the official redis image starts it.
ARG BASE
FROM ${BASE}
RUN mkdir -p /data && chown redis:redis /data
WORKDIR /data
USER redis
CMD ["redis-server", "--bind", "0.0.0.0", "--protected-mode", "no"]
