#
# MicroSeg images, one target per service:
#   docker build --target gateway        -t microseg/gateway:$TAG .
#   docker build --target identity       -t microseg/identity:$TAG .
#   docker build --target dataset        -t microseg/dataset:$TAG .
#   docker build --target metrology      -t microseg/metrology:$TAG .
#   docker build --target inference      -t microseg/inference:$TAG .      (CPU, tfjs-node)
#   docker build --target inference-gpu  -t microseg/inference-gpu:$TAG .  (CUDA, tfjs-node-gpu)
#   docker build --target training-gpu   -t microseg/training-gpu:$TAG .   (CUDA, tfjs-node-gpu)
#   docker build --target training       -t microseg/training:$TAG .       (CPU, for kind/minikube)
#   docker build --target console        -t microseg/console:$TAG .        (the web console's files + its server)
#
# Every image runs compiled JavaScript, `node dist/main.js` in /app/services/<name> (the
# repository layout, so the gateway finds /app/schema.graphql where it looks in a checkout), as
# uid 1000, with a read-only root file system and TMPDIR=/tmp (an emptyDir in the manifests). The
# workspace stage compiles every package's src/ to dist/ (tools/build-dist.ts) and points the
# packages' exports at it; a checkout keeps running the TypeScript sources.
#
# BuildKit (the default builder; DOCKER_BUILDKIT=1 on Docker 20.10) builds only the stages a target
# needs, and its built-in Dockerfile frontend runs this file: no `# syntax=` line, which would make
# every build pull a frontend image from Docker Hub.
#
# Base images are build arguments: NODE_IMAGE (runtime and build) and NODE_BUILD_IMAGE (native
# npm installs) must hold Node at /usr/local/bin/node with npm. `pnpm test:images` builds them from
# Debian packages (debootstrap) and Node's npm package where no registry can be pulled from. Pin
# them by digest in your registry mirror for reproducible builds; the tags below are exact
# versions, never `latest`. Node 22 is the LTS the images run (Node 20's support ended April 2026).
#
# TF_BACKEND picks the TensorFlow.js backend of the CPU inference and training images:
# `tensorflow` (default: tfjs-node, whose install downloads libtensorflow 2.9.1 from Google's
# storage) or `wasm` (no native bindings: the wasm backend the workspace ships, for builds without
# that download, as `pnpm test:images` does).

ARG NODE_IMAGE=node:22.23.5-bookworm-slim
ARG NODE_BUILD_IMAGE=node:22.23.5-bookworm
# tfjs-node-gpu 4.22 binds libtensorflow 2.9.1, built against CUDA 11.2 and cuDNN 8.1.
ARG CUDA_IMAGE=nvidia/cuda:11.2.2-cudnn8-runtime-ubuntu20.04
ARG TF_BACKEND=tensorflow

# ---------------------------------------------------------------------------------------------
# Workspace: every package's production dependencies fetched once from the lockfile.
FROM ${NODE_IMAGE} AS workspace
# A registry reached through a TLS-inspecting proxy: its CA bundle as the build secret `ca`
# (docker build --secret id=ca,src=$NODE_EXTRA_CA_CERTS), mounted by the steps that download.
# Without it Node warns once per step that the file is missing and trusts its own CAs. Build
# stages only: the service images start from NODE_IMAGE, not from here.
ENV NODE_EXTRA_CA_CERTS=/run/secrets/ca
RUN --mount=type=secret,id=ca npm install --global pnpm@10.34.9
WORKDIR /src
# The compiler of the workspace's lockfile, for tools/build-dist.ts only (not in any image).
RUN --mount=type=secret,id=ca npm install --prefix /opt/typescript --no-save typescript@5.9.3
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json ./
RUN --mount=type=secret,id=ca --mount=type=cache,id=pnpm-store,target=/root/.local/share/pnpm/store pnpm fetch --prod
COPY . .
# Every package's src/ to dist/, and its exports pointed at dist/: the deploys below copy both.
RUN NODE_PATH=/opt/typescript/node_modules node tools/build-dist.ts --exports-to-dist

# `pnpm deploy` copies one service with exactly its production dependencies (workspace libs
# included, as files: their dist/ too) into /out, at the lockfile's versions and offline. The
# workspace links its packages for development; injecting them is what a deploy from the shared
# lockfile needs, so it is set for the deploy only (--legacy would resolve every dependency again,
# dev ones included, which offline it cannot).
FROM workspace AS deploy-gateway
RUN --mount=type=cache,id=pnpm-store,target=/root/.local/share/pnpm/store \
    pnpm --config.inject-workspace-packages=true --filter @microseg/gateway --prod --offline deploy /out/services/gateway \
 && cp schema.graphql /out/schema.graphql

FROM workspace AS deploy-identity
RUN --mount=type=cache,id=pnpm-store,target=/root/.local/share/pnpm/store \
    pnpm --config.inject-workspace-packages=true --filter @microseg/identity-service --prod --offline deploy /out/services/identity

FROM workspace AS deploy-dataset
RUN --mount=type=cache,id=pnpm-store,target=/root/.local/share/pnpm/store \
    pnpm --config.inject-workspace-packages=true --filter @microseg/dataset-service --prod --offline deploy /out/services/dataset

FROM workspace AS deploy-metrology
RUN --mount=type=cache,id=pnpm-store,target=/root/.local/share/pnpm/store \
    pnpm --config.inject-workspace-packages=true --filter @microseg/metrology-service --prod --offline deploy /out/services/metrology

FROM workspace AS deploy-inference
RUN --mount=type=cache,id=pnpm-store,target=/root/.local/share/pnpm/store \
    pnpm --config.inject-workspace-packages=true --filter @microseg/inference-service --prod --offline deploy /out/services/inference

FROM workspace AS deploy-training
RUN --mount=type=cache,id=pnpm-store,target=/root/.local/share/pnpm/store \
    pnpm --config.inject-workspace-packages=true --filter @microseg/training-service --prod --offline deploy /out/services/training

# The console's static files are built (vite, with its dev dependencies, into dist/app) in a stage
# of their own; the image gets the built files and the small server's production dependencies only.
FROM workspace AS build-console
RUN --mount=type=secret,id=ca --mount=type=cache,id=pnpm-store,target=/root/.local/share/pnpm/store \
    pnpm fetch \
 && pnpm install --offline --frozen-lockfile --filter @microseg/console... \
 && pnpm --filter @microseg/console build

FROM workspace AS deploy-console
RUN --mount=type=cache,id=pnpm-store,target=/root/.local/share/pnpm/store \
    pnpm --config.inject-workspace-packages=true --filter @microseg/console --prod --offline deploy /out/services/console
COPY --from=build-console /src/services/console/dist/app /out/services/console/dist/app

# ---------------------------------------------------------------------------------------------
# Native TensorFlow bindings. Their install scripts download libtensorflow 2.9.1 (CPU or GPU
# build), so they live outside the lockfile and are installed here, at image build time only.
# tf-runtime imports them by name; the symlinks below put them where that import resolves.
FROM ${NODE_BUILD_IMAGE} AS tfjs-backend-tensorflow
ENV NODE_EXTRA_CA_CERTS=/run/secrets/ca
WORKDIR /opt/tfjs
RUN --mount=type=secret,id=ca npm init --yes >/dev/null && npm install --omit=dev @tensorflow/tfjs-node@4.22.0

# TF_BACKEND=wasm: no bindings; tf-runtime's wasm backend is among the deployed dependencies.
FROM ${NODE_IMAGE} AS tfjs-backend-wasm
RUN mkdir -p /opt/tfjs

FROM tfjs-backend-${TF_BACKEND} AS tfjs-node

FROM ${NODE_BUILD_IMAGE} AS tfjs-node-gpu
WORKDIR /opt/tfjs
RUN npm init --yes >/dev/null && npm install --omit=dev @tensorflow/tfjs-node-gpu@4.22.0

# ---------------------------------------------------------------------------------------------
# Runtime bases.
FROM ${NODE_IMAGE} AS node-runtime
ENV NODE_ENV=production \
    TMPDIR=/tmp \
    HTTP_PORT=9090
# The probes answer on HTTP_PORT; Kubernetes uses its own probes, this is for plain Docker. The
# check is bash's /dev/tcp, not a second Node process: starting Node for every check cost more
# than the 3 s it was given on a loaded 2-core machine, and the container turned unhealthy while
# its service answered. The start period covers the migrations and connections of a cold start.
HEALTHCHECK --interval=15s --timeout=10s --start-period=2m --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/$HTTP_PORT && printf 'GET /healthz HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nConnection: close\\r\\n\\r\\n' >&3 && read -r -t 8 status <&3 && [[ $status == 'HTTP/1.1 200 '* ]]"]
EXPOSE 9090
CMD ["node", "dist/main.js"]

FROM ${CUDA_IMAGE} AS cuda-runtime
COPY --from=node-runtime /usr/local/bin/node /usr/local/bin/node
RUN groupadd --gid 1000 node && useradd --uid 1000 --gid 1000 --no-create-home --shell /usr/sbin/nologin node
# The PTX JIT cache: on GPUs newer than libtensorflow 2.9.1's build (Hopper, Ada) every kernel
# is compiled at first use. A writable, large cache (a volume in the manifests) keeps that to
# the first start instead of every start; the default 256 MiB would evict TensorFlow's kernels.
ENV NODE_ENV=production \
    TMPDIR=/tmp \
    HTTP_PORT=9090 \
    CUDA_CACHE_PATH=/var/cache/cuda \
    CUDA_CACHE_MAXSIZE=4294967296 \
    TF_FORCE_GPU_ALLOW_GROWTH=true \
    TF_CPP_MIN_LOG_LEVEL=1 \
    MICROSEG_TF_BACKEND=tensorflow
# As node-runtime's, with a start period for the PTX compilation of a first start.
HEALTHCHECK --interval=15s --timeout=10s --start-period=30m --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/$HTTP_PORT && printf 'GET /healthz HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nConnection: close\\r\\n\\r\\n' >&3 && read -r -t 8 status <&3 && [[ $status == 'HTTP/1.1 200 '* ]]"]
EXPOSE 9090
CMD ["node", "dist/main.js"]

# ---------------------------------------------------------------------------------------------
# Service images.
FROM node-runtime AS gateway
COPY --from=deploy-gateway /out /app
WORKDIR /app/services/gateway
ENV GATEWAY_HOST=0.0.0.0 \
    GATEWAY_PORT=4000
EXPOSE 4000
USER 1000:1000

FROM node-runtime AS identity
COPY --from=deploy-identity /out /app
WORKDIR /app/services/identity
USER 1000:1000

FROM node-runtime AS dataset
COPY --from=deploy-dataset /out /app
WORKDIR /app/services/dataset
USER 1000:1000

FROM node-runtime AS metrology
COPY --from=deploy-metrology /out /app
WORKDIR /app/services/metrology
USER 1000:1000

# Serves the console on 4100 and forwards /graphql (and its WebSocket) to GATEWAY_URL; its one
# port answers the health check too.
FROM node-runtime AS console
COPY --from=deploy-console /out /app
WORKDIR /app/services/console
ENV CONSOLE_HOST=0.0.0.0 \
    CONSOLE_PORT=4100 \
    HTTP_PORT=4100
EXPOSE 4100
USER 1000:1000

FROM node-runtime AS inference
ARG TF_BACKEND
COPY --from=deploy-inference /out /app
COPY --from=tfjs-node /opt/tfjs /opt/tfjs
RUN if [ "$TF_BACKEND" = tensorflow ]; then mkdir -p /app/services/inference/node_modules/@tensorflow \
 && ln -s /opt/tfjs/node_modules/@tensorflow/tfjs-node /app/services/inference/node_modules/@tensorflow/tfjs-node; fi
WORKDIR /app/services/inference
ENV MICROSEG_TF_BACKEND=${TF_BACKEND}
USER 1000:1000

FROM node-runtime AS training
ARG TF_BACKEND
COPY --from=deploy-training /out /app
COPY --from=tfjs-node /opt/tfjs /opt/tfjs
RUN if [ "$TF_BACKEND" = tensorflow ]; then mkdir -p /app/services/training/node_modules/@tensorflow \
 && ln -s /opt/tfjs/node_modules/@tensorflow/tfjs-node /app/services/training/node_modules/@tensorflow/tfjs-node; fi
WORKDIR /app/services/training
ENV MICROSEG_TF_BACKEND=${TF_BACKEND}
USER 1000:1000

FROM cuda-runtime AS inference-gpu
COPY --from=deploy-inference /out /app
COPY --from=tfjs-node-gpu /opt/tfjs /opt/tfjs
RUN mkdir -p /app/services/inference/node_modules/@tensorflow \
 && ln -s /opt/tfjs/node_modules/@tensorflow/tfjs-node-gpu /app/services/inference/node_modules/@tensorflow/tfjs-node-gpu
WORKDIR /app/services/inference
USER 1000:1000

FROM cuda-runtime AS training-gpu
COPY --from=deploy-training /out /app
COPY --from=tfjs-node-gpu /opt/tfjs /opt/tfjs
RUN mkdir -p /app/services/training/node_modules/@tensorflow \
 && ln -s /opt/tfjs/node_modules/@tensorflow/tfjs-node-gpu /app/services/training/node_modules/@tensorflow/tfjs-node-gpu
WORKDIR /app/services/training
USER 1000:1000
