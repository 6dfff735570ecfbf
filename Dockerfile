# syntax=docker/dockerfile:1
# One image for every gongkai service; the container's command picks which:
#   services/watcher/src/main.ts  services/ops/src/main.ts
#   services/worker/src/main.ts STAGE   (one per stage: decode, ocr, segment, extract, validate)
# The ocr worker runs the `ocr` target: the runtime plus Tesseract (chi_sim, chi_tra) and poppler.
#   services/cli/bin/gongkai.js <command>   (export, status, replay, reprocess, ingest)
# TypeScript runs through tsx at run time (no build step). The embedded
# servers are not in the image: REDIS_URL and MONGO_URL must be set.
# Untested here (no Docker engine on the development machine): see docs/operations.md.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- manifests: only the package.json files and the lock, so the dependency layer
#      is rebuilt when dependencies change, not when code does
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN mkdir /out \
 && cp package.json package-lock.json /out/ \
 && find packages services -maxdepth 2 -name package.json -exec cp --parents {} /out/ \;

# ---- deps: production dependencies; --ignore-scripts skips the setup script
#      (redis-server, FerretDB, chromium are for the embedded mode and tests only)
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV GONGKAI_SKIP_SETUP=1
COPY --from=manifests /out/ ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force

# ---- app: what every service runs
FROM ${NODE_IMAGE} AS app
ENV NODE_ENV=production \
    GONGKAI_SKIP_SETUP=1 \
    GONGKAI_HOST=0.0.0.0 \
    GONGKAI_PORT=3000 \
    GONGKAI_DATA=/data \
    GONGKAI_INBOX=/inbox \
    GONGKAI_BLOB_STORE=gridfs
WORKDIR /app
# pdftoppm: the ops service renders page crops of scanned PDFs (the reports page's evidence images)
RUN apt-get update \
 && apt-get install -y --no-install-recommends poppler-utils \
 && rm -rf /var/lib/apt/lists/*
COPY --from=deps --chown=root:root /app/ ./
COPY --chown=root:root tsconfig.json ./
COPY --chown=root:root packages ./packages
COPY --chown=root:root services ./services
RUN mkdir -p /data /inbox && chown node:node /data /inbox
USER node
EXPOSE 3000
# tsx registers itself as a loader: `node --import tsx FILE.ts`
ENTRYPOINT ["node", "--import", "tsx"]
CMD ["services/ops/src/main.ts"]

# ---- ocr: the app plus the OCR engine (Tesseract 5 with the chi_sim/chi_tra models; packages/ocr)
#      for the ocr stage worker only: the other services do not carry ~100 MB of language data
FROM app AS ocr
USER root
RUN apt-get update \
 && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra \
 && rm -rf /var/lib/apt/lists/*
USER node
CMD ["services/worker/src/main.ts", "ocr"]

# ---- runtime (the default target, last): every other service
FROM app AS runtime
