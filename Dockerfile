# One image for every Switchyard app, the app chosen by argument:
#   docker build -t switchyard .
#   docker run -p 4566:4566 switchyard                 # everything in one process, embedded Redis
#   docker run switchyard queue-gateway                # or topic-gateway, orchestration-gateway, executor
# The TypeScript is compiled once, in the build stage (`npm ci` builds the web console, `npm run build`
# the apps); the image runs the compiled apps as the unprivileged `node` user, with only the runtime
# dependencies.

FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json tsconfig.base.json tsconfig.json ./
COPY apps/ apps/
COPY libs/ libs/
COPY scripts/ scripts/
RUN npm ci --no-audit --no-fund \
  && npm run build \
  && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
# redis-server: the `server` app runs an embedded Redis (AOF in /data) when REDIS_URL is unset.
RUN apt-get update \
  && apt-get install -y --no-install-recommends redis-server \
  && rm -rf /var/lib/apt/lists/* \
  && mkdir /data && chown node:node /data
WORKDIR /app
ENV NODE_ENV=production SWITCHYARD_DATA_DIR=/data
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY deploy/docker/entrypoint.sh /usr/local/bin/switchyard
USER node
VOLUME /data
EXPOSE 4566 4443 50051
ENTRYPOINT ["switchyard"]
CMD ["server"]
