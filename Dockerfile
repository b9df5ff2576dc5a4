# MonoPilot's image. The build stage runs the same release script CI runs outside a container
# (ops/release/assemble.sh), so what lands in /release is tested even where no image is built.
# The runtime stage holds only that directory: compiled server, web app, migrations and the
# production dependencies; no TypeScript, no build tools, no sources.

FROM node:24-slim AS build
WORKDIR /src
# The lock file first: the dependency layer is reused while only sources change.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The context has no .git: the commit /api/health reports comes from the build,
#   docker build --build-arg RELEASE_COMMIT="$(git rev-parse --short=12 HEAD)" -t monopilot .
ARG RELEASE_COMMIT=unknown
RUN ops/release/assemble.sh /release

FROM node:24-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
# Owned by root: the server (user node) reads its code but cannot rewrite it.
COPY --from=build /release /app
# A named volume takes the ownership of the image's directory on first use, so the node user
# can write the embedded database and the backups (compose.yaml mounts /data/backups).
RUN mkdir -p /data/backups && chown -R node:node /data && chmod -R 0700 /data
VOLUME ["/data"]
USER node
EXPOSE 3000
# slim has no curl: Node's fetch asks the server itself. With TLS in the server the certificate
# names the public host, not 127.0.0.1, so this one local request skips verification.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "const tls = Boolean(process.env.TLS_CERT_FILE); if (tls) process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; fetch((tls ? 'https' : 'http') + '://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The server drains on SIGTERM: in-flight requests finish, then the databases close (src/main.ts).
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]
