# PostgreSQL from Debian's packages, started the way the official postgres image is: POSTGRES_USER,
# POSTGRES_PASSWORD and POSTGRES_DB create the database on an empty /var/lib/postgresql/data.
ARG BASE
FROM ${BASE}
RUN mkdir -p /var/lib/postgresql/data /run/postgresql \
 && chown -R postgres:postgres /var/lib/postgresql /run/postgresql \
 && ln -s /usr/lib/postgresql/*/bin /usr/local/pgbin
COPY --chmod=755 postgres-entrypoint.sh /usr/local/bin/postgres-entrypoint.sh
ENV PGDATA=/var/lib/postgresql/data PATH=/usr/local/pgbin:$PATH
USER postgres
STOPSIGNAL SIGINT
ENTRYPOINT ["/usr/local/bin/postgres-entrypoint.sh"]
