FROM node:18

WORKDIR /app

# Install app dependencies
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile && yarn cache clean

# Bundle app source
COPY . .

RUN yarn build \
 && rm -rf src test

EXPOSE 8080
CMD [ "yarn", "start" ]
