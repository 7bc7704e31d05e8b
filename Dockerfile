# Rungs as a container: `docker build -t rungs .` then
#   docker run --rm -p 3000:3000 -e APP_ID=… -e WEBHOOK_SECRET=… -e PRIVATE_KEY="$(cat rungs.pem)" rungs
# (every variable: .env.example; step by step: docs/install.md#container). test/server/dockerfile.test.ts
# checks the invariants below, since the test suite cannot run Docker.

# --- build: every dependency, TypeScript compiled to lib/ ----------------------------------------------
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npm run build

# --- runtime: production dependencies only, the compiled app, and the files it reads --------------------
FROM node:20-slim AS runtime
# HOST=0.0.0.0: Probot listens on localhost by default, unreachable from outside the container.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 LOG_FORMAT=json
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/lib ./lib
# Read at run time: the bundled ladder, the goal-issue and packet templates; bin/ runs the rungs CLI.
COPY app.yml ./
COPY ladder ./ladder
COPY templates ./templates
COPY bin ./bin
# Files stay root's and read-only to the app; it runs as the image's unprivileged `node` user.
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "node_modules/probot/bin/probot.js", "run", "./lib/index.js"]
