package dev.whittle.dockerfile.lint.rules;

import dev.whittle.dockerfile.shell.ShellCommand;
import java.util.ArrayList;
import java.util.List;

/** What {@code curl}, {@code wget} and {@code git clone} write, and what {@code tar}/{@code unzip} read. */
final class Downloads {

    private Downloads() {
    }

    /** The file or directory a download command writes (relative paths as written), or null when unknown. */
    static String output(ShellCommand c) {
        if (c.is("curl")) {
            String o = c.flagValue("-o").orElse(c.flagValue("--output").orElse(null));
            if (o != null) {
                return o.equals("-") ? null : o;
            }
            return c.hasAnyFlag("-O", "--remote-name") ? urlName(c) : null;
        }
        if (c.is("wget")) {
            String o = c.flagValue("-O").orElse(c.flagValue("--output-document").orElse(null));
            if (o != null) {
                return o.equals("-") ? null : o;
            }
            String name = urlName(c);
            String dir = c.flagValue("-P").orElse(c.flagValue("--directory-prefix").orElse(null));
            return name == null || dir == null ? name : dir + "/" + name;
        }
        if (c.is("git") && ShellFacts.subcommand(c, "-C", "-c").equals("clone")) {
            List<String> rest = c.positionalsAfter("clone", "-b", "--branch", "--depth", "-o", "--origin", "-c");
            if (rest.size() >= 2) {
                return rest.get(1);
            }
            if (rest.size() == 1) {
                String name = PathMatch.baseName(rest.get(0));
                return name.endsWith(".git") ? name.substring(0, name.length() - 4) : name;
            }
        }
        return null;
    }

    private static String urlName(ShellCommand c) {
        for (String p : c.positionals("-o", "-O", "-P", "-H", "--header", "-u", "-A", "-e", "-d", "--data")) {
            if (p.contains("://")) {
                String name = PathMatch.baseName(p);
                return name.isEmpty() ? null : name;
            }
        }
        return null;
    }

    /** The archives an extracting command reads ({@code tar -xzf a.tgz}, {@code unzip a.zip}); empty otherwise. */
    static List<String> extracted(ShellCommand c) {
        List<String> out = new ArrayList<>();
        if (c.is("tar") && extracts(c)) {
            String f = c.flagValue("-f").orElse(c.flagValue("--file").orElse(null));
            if (f == null) {
                for (String a : c.args()) {
                    if (PathMatch.isArchive(a)) {
                        f = a;
                        break;
                    }
                }
            }
            if (f != null) {
                out.add(f);
            }
        } else if (c.is("unzip", "gunzip", "bunzip2", "unxz", "7z", "zstd")) {
            for (String a : c.positionals("-d")) {
                if (PathMatch.isArchive(a)) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    private static boolean extracts(ShellCommand c) {
        List<String> args = c.args();
        if (args.isEmpty()) {
            return false;
        }
        String first = args.get(0);
        if (!first.startsWith("-") && first.indexOf('x') >= 0) {
            return true; // old-style cluster: tar xzf a.tgz
        }
        return c.hasAnyFlag("-x", "--extract", "--get");
    }
}
