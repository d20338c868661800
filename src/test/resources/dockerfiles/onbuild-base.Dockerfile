FROM node:20-bookworm-slim
WORKDIR /usr/src/app
ONBUILD ARG NODE_ENV=production
ONBUILD ENV NODE_ENV $NODE_ENV
ONBUILD COPY package*.json ./
ONBUILD RUN npm ci --omit=dev && npm cache clean --force
ONBUILD COPY . .
CMD [ "npm", "start" ]
