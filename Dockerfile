# The platform (API, worker and the UIs) in one image. PostgreSQL, Temporal and SMTP come from
# the environment (see docker-compose.yml): DATABASE_URL, TEMPORAL_ADDRESS, SMTP_URL.
FROM node:24-bookworm-slim

WORKDIR /app
ENV CI=true

# Manifests first, so that the dependency layer is rebuilt only when they change.
COPY package.json package-lock.json .npmrc ./
COPY definitions/package.json definitions/
COPY platform/api/package.json platform/api/
COPY platform/workflows/package.json platform/workflows/
COPY platform/devservices/package.json platform/devservices/
COPY platform/designer/package.json platform/designer/
COPY platform/runtime-ui/package.json platform/runtime-ui/
COPY tests/package.json tests/
# npm 11 rejects a lockfile that lacks other platforms' optional packages (npm/cli#8805); fall
# back to npm install then, as .ci/run does, rather than fail the image build.
RUN npm ci --no-audit --no-fund || npm install --no-audit --no-fund

COPY . .
# Builds the UIs (and anything else with a build script) so that /app and /designer are served.
RUN npm run build --workspaces --if-present

ENV PORT=3000
EXPOSE 3000
# Runtime state (session secret) lives here; mount a volume to keep it across containers.
VOLUME ["/app/.data"]
# The command `npm start` runs, started directly: npm does not pass `docker stop`'s SIGTERM on to
# the script, while tsx does, so the platform can stop the worker and close connections in order.
CMD ["node_modules/.bin/tsx", "platform/devservices/src/start.ts"]
