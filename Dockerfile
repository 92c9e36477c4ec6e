# syntax=docker/dockerfile:1
# Build: compile TypeScript, generate both Prisma clients, then drop dev dependencies.
FROM node:24-bookworm AS build
WORKDIR /app
ENV PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts prisma.pg.config.ts ./
# npm install, not npm ci: see docs/ARCHITECTURE.md (the lock lacks other platforms' optional binaries).
RUN npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# The example programme ships in the image (`npm run convene -- import examples/...`).
COPY examples ./examples
RUN npm run build && npm prune --omit=dev --ignore-scripts

# Run: no compiler, no dev dependencies, not root. The embedded database lives on a volume.
FROM node:24-bookworm-slim
WORKDIR /app
# CONVENE_SANDBOX=off: a container without Slack settings stops with the configuration error
# instead of running the sandbox, which listens on 127.0.0.1 and could not be reached anyway.
ENV NODE_ENV=production PORT=3000 DATABASE_URL=file:/app/data/convene.db CONVENE_SANDBOX=off PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1
COPY --from=build --chown=node:node /app/package.json /app/prisma.config.ts /app/prisma.pg.config.ts ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/prisma ./prisma
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/examples ./examples
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Migrations are applied by Convene itself at start (src/db/migrate.ts).
# As npm start runs it. V8 grows its heap under a burst and does not give it back: a young
# generation of at most 8 MB a half, and an old one grown by a fifth at a time (not V8's half or
# more), keep 700 requests in flight at once to under 200 MB instead of 300; --expose-gc lets
# Convene give the heap back once a busy spell is over (src/idle-collector.ts); one malloc arena
# (not one per thread) keeps what the threads freed where it can be used again.
ENV MALLOC_ARENA_MAX=1
CMD ["node", "--expose-gc", "--max-semi-space-size=8", "--heap-growing-percent=20", "dist/main.js"]
