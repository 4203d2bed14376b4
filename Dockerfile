# Production image of the panel. Build: docker build -t cert-ecosystem .   (see docker-compose.yml)
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 ADMIN_JS_SKIP_BUNDLE=true
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/.adminjs ./.adminjs
# AdminJS checks that the components' sources exist even with the prebuilt bundle.
COPY --from=build /app/components ./components
COPY --from=build /app/bin/cert ./bin/cert
RUN mkdir -p /app/data/files && chown -R node:node /app/data
USER node
EXPOSE 3000
# a bounded old generation keeps the server under ~250 MB RSS under load (README, «Измерено»)
CMD ["node", "--max-old-space-size=192", "dist/src/server.js"]
