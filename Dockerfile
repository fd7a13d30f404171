# The wxlogin service image (the default target) and the standalone sandbox WeChat (--target sandbox).
#
#   docker build -t wxlogin --build-arg VERSION=0.1.0 --build-arg REVISION=$(git rev-parse --short=12 HEAD) .
#   docker build -t wxlogin-sandbox --target sandbox .
#
# Any JDK 17+ and JRE 17+ image can be the bases (JDK_IMAGE, JRE_IMAGE); the runtime needs bash for the
# health check. docs/deploy.md describes the image; deploy/test/container-test.sh builds and tests it.
ARG JDK_IMAGE=eclipse-temurin:21-jdk
ARG JRE_IMAGE=eclipse-temurin:21-jre

FROM ${JDK_IMAGE} AS build
ARG REVISION=unknown
WORKDIR /src
COPY . .
# Only the service and the sandbox, without tests or the Node.js modules; Maven's downloads stay in a
# cache mount between builds. The revision goes into build-info (/actuator/info) and the start-up log,
# since the build context has no .git to read it from.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl server,sandbox -am package \
        -Dmaven.test.skip=true -Dwxlogin.client.skip=true \
        -Dwxlogin.revision="${REVISION}" \
 && java -Djarmode=tools -jar server/target/wxlogin-server.jar extract --layers --launcher --destination /layers \
 && cp sandbox/target/wxlogin-sandbox.jar /layers/

# The runtime's common part: a fixed non-root user (UID and GID 10001) that owns /data and nothing else.
FROM ${JRE_IMAGE} AS runtime
RUN echo 'wxlogin:x:10001:10001:wxlogin:/data:/usr/sbin/nologin' >> /etc/passwd \
 && echo 'wxlogin:x:10001:' >> /etc/group \
 && mkdir -p /app /data \
 && chown 10001:10001 /data
WORKDIR /app

FROM runtime AS sandbox
ARG VERSION=unspecified
ARG REVISION=unknown
ARG SOURCE=
LABEL org.opencontainers.image.title="wxlogin sandbox WeChat" \
      org.opencontainers.image.description="A stand-in for WeChat's API with a simulated phone, for demos and tests; never production" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}"
COPY --from=build /layers/wxlogin-sandbox.jar /app/
USER 10001:10001
ENV SANDBOX_HOST=0.0.0.0 SANDBOX_PORT=9010
EXPOSE 9010
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SANDBOX_PORT} && printf 'GET /sandbox/health HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && read -r status <&3 && [[ $status == *' 200 '* ]]"]
ENTRYPOINT ["java", "-jar", "/app/wxlogin-sandbox.jar"]

FROM runtime AS service
ARG VERSION=unspecified
ARG REVISION=unknown
ARG SOURCE=
LABEL org.opencontainers.image.title="wxlogin" \
      org.opencontainers.image.description="Self-hosted login and account service for WeChat Mini Programs" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}"
# Spring Boot's layers, the ones that change least first: a new release replaces only the last layers.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER 10001:10001
# The embedded database and the avatars live in /data; every other setting is a WXLOGIN_* variable.
# On SIGTERM the instance serves 5 s more with readiness refusing, so a load balancer takes it out
# before its port closes (docs/deploy.md).
ENV WXLOGIN_DATA_DIR=/data WXLOGIN_PORT=8080 WXLOGIN_SHUTDOWN_DRAIN=5s
VOLUME /data
EXPOSE 8080
# /readyz is /actuator/health/readiness, kept on the service port when the actuator has its own port.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${WXLOGIN_PORT} && printf 'GET /readyz HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && read -r status <&3 && [[ $status == *' 200 '* ]]"]
# Exec form: the JVM is PID 1 and gets SIGTERM itself, which starts the graceful shutdown. JVM options
# go in JAVA_TOOL_OPTIONS; native access is for Conscrypt's BoringSSL (JDK 22+ warn without it).
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-XX:MaxRAMPercentage=75", \
            "org.springframework.boot.loader.launch.JarLauncher"]
