# syntax=docker/dockerfile:1
# Vangnet: the API, the scheduled scrapers and the webhooks, as compiled JavaScript.
#   docker build -t vangnet .
#   docker run -p 4000:4000 -v vangnet-data:/data vangnet            # start: API + scheduler, embedded database
#   docker run -e DATABASE_URL=postgres://… vangnet serve            # an API process on a Postgres server
#   docker run -e DATABASE_URL=postgres://… vangnet worker           # a worker (schedules, webhooks, snapshots)
# compose.yaml runs two API processes behind a proxy, one worker and Postgres 16.

# 1. Build: every dependency, the TypeScript compiled to dist/ with the migrated PGlite template
#    and the compact Dutch lexicon (scripts/build.mjs), then only the runtime dependencies kept.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json drizzle.config.ts ./
COPY bin ./bin
COPY scripts ./scripts
COPY api ./api
COPY cli ./cli
COPY db ./db
COPY schema ./schema
COPY scrapers ./scrapers
COPY test/fixtures ./test/fixtures
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# 2. Run: Node, Debian's Chromium for the sources that need a browser, tini to reap Chromium's
#    children and pass signals on (SIGTERM starts the graceful shutdown), a non-root user.
FROM node:20-bookworm-slim AS runtime
RUN apt-get update \
  && apt-get install -y --no-install-recommends chromium tini ca-certificates fonts-dejavu-core \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PLAYWRIGHT_CHROMIUM_PATH=/usr/bin/chromium \
    VANGNET_DATA_DIR=/data \
    HOST=0.0.0.0 \
    PORT=4000 \
    LOG_FORMAT=json
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/bin ./bin
COPY --from=build /app/dist ./dist
RUN mkdir -p /data /snapshots && chown node:node /data /snapshots
USER node
VOLUME ["/data"]
EXPOSE 4000
# Ready: the database is open, migrated and answering (a worker, which serves no HTTP, is checked by compose instead).
HEALTHCHECK --interval=15s --timeout=3s --start-period=90s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/readyz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/bin/tini", "--", "node", "bin/vangnet.js"]
CMD ["start"]
