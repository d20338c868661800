package dev.whittle.testing.demo;

/** What the demo images plant on purpose: each is one of the guide's mistakes, with its bytes counted. */
enum Plant {
    APT_LISTS("`/var/lib/apt/lists/*` from `apt-get update`, deleted by a later `RUN rm -rf` (still shipped)"),
    APT_CACHE("`/var/cache/apt/*.bin` package caches left by `apt-get install`"),
    BUILD_TOOLS("files owned by gcc-12, g++-12, cpp-12, make, binutils, libc6-dev, linux-libc-dev, libssl-dev"
            + " (listed in their `/var/lib/dpkg/info/*.list`)"),
    APT_LOGS("`/var/log/apt/*`, `/var/log/dpkg.log` written by apt"),
    NPM_CACHE("`/root/.npm` (`_cacache` and `_logs`) from `npm install`"),
    NODE_MODULES_SHADOWED("`/app/node_modules` installed by `RUN npm install`, then overwritten by the host's"
            + " `node_modules` from `COPY . .`"),
    DEV_DEPENDENCIES("devDependencies in the final `/app/node_modules` (typescript, jest, eslint, @types/*) and"
            + " the packages only they need"),
    GIT("`/app/.git` from `COPY . .`"),
    LOGS("`*.log` files from `COPY . .` (`npm-debug.log`, `logs/*.log`)"),
    TESTS("`test/*.test.js` from `COPY . .`"),
    TS_SOURCES("`src/**/*.ts` shipped beside the compiled `dist/`"),
    SECRET("`/app/.env` holding fake key-like tokens");

    private final String description;

    Plant(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }
}
