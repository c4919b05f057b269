# Multi-stage build of One API for the JVM. Data (SQLite file, .env) and logs live in /data, as with One API's image:
#   docker build -t one-api-jvm .
#   docker run -d -p 3000:3000 -e SESSION_SECRET=change-me -v /home/ubuntu/data/one-api:/data one-api-jvm

FROM maven:3.9-eclipse-temurin-17 AS build
# npm builds the web UI (admin-ui) during the Maven build.
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN mvn -B -ntp -DskipTests package \
    && mkdir /dist \
    && tar -xzf dist/target/one-api-*.tar.gz -C /dist \
    && mv /dist/one-api-* /dist/one-api

FROM eclipse-temurin:17-jre
# curl for the health check; tzdata so TZ=... works.
RUN apt-get update && apt-get install -y --no-install-recommends curl tzdata && rm -rf /var/lib/apt/lists/* \
    && useradd --system --user-group --home-dir /data --shell /usr/sbin/nologin one-api \
    && mkdir -p /data && chown one-api:one-api /data
COPY --from=build /dist/one-api /opt/one-api
ENV ONE_API_DATA_DIR=/data
WORKDIR /data
VOLUME /data
# The relay port also serves the web UI and /api (passed on to the admin server on 3001 inside).
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=10s --retries=3 CMD curl -fsS http://localhost:3000/health || exit 1
# Runs as root like One API's image, so an existing host folder mounted on /data stays writable; add
# `--user one-api` (and chown the folder) to drop privileges.
ENTRYPOINT ["/opt/one-api/bin/one-api", "--log-dir", "/data/logs"]
