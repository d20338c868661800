package dev.whittle.dockerfile;

import java.util.Locale;

/** The Dockerfile instructions BuildKit knows; {@link #UNKNOWN} for anything else (BuildKit keeps those too). */
public enum Keyword {
    ADD, ARG, CMD, COPY, ENTRYPOINT, ENV, EXPOSE, FROM, HEALTHCHECK, LABEL, MAINTAINER, ONBUILD, RUN, SHELL,
    STOPSIGNAL, USER, VOLUME, WORKDIR, UNKNOWN;

    /** The keyword for an instruction name in any case; {@link #UNKNOWN} when there is none. */
    public static Keyword of(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "add": return ADD;
            case "arg": return ARG;
            case "cmd": return CMD;
            case "copy": return COPY;
            case "entrypoint": return ENTRYPOINT;
            case "env": return ENV;
            case "expose": return EXPOSE;
            case "from": return FROM;
            case "healthcheck": return HEALTHCHECK;
            case "label": return LABEL;
            case "maintainer": return MAINTAINER;
            case "onbuild": return ONBUILD;
            case "run": return RUN;
            case "shell": return SHELL;
            case "stopsignal": return STOPSIGNAL;
            case "user": return USER;
            case "volume": return VOLUME;
            case "workdir": return WORKDIR;
            default: return UNKNOWN;
        }
    }

    /** True for the instructions that may carry here-documents. */
    public boolean allowsHeredoc() {
        return this == RUN || this == COPY || this == ADD;
    }
}
