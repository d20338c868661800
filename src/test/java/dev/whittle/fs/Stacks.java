package dev.whittle.fs;

import static dev.whittle.testing.LayerTarBuilder.layer;

/** Layer stacks shared by the union and measurer tests, whose numbers those tests work out by hand. */
public final class Stacks {
    private Stacks() {
    }

    /**
     * L0: /etc/conf 100, /var/cache/apt/{a.deb 1000, b.deb 500} (directories listed), /bin/sh 200.
     * L1: /etc/conf 150, whiteout /var/cache/apt, /app/x 50. L2: /etc/conf 120, whiteout /app/x.
     */
    public static byte[][] overwriteChainAndDeletedDirectory() {
        return new byte[][] {
            layer().dir("etc").file("etc/conf", 100).dir("var").dir("var/cache").dir("var/cache/apt")
                    .file("var/cache/apt/a.deb", 1000).file("var/cache/apt/b.deb", 500).file("bin/sh", 200).build(),
            layer().file("etc/conf", 150).whiteout("var/cache/apt").file("app/x", 50).build(),
            layer().file("etc/conf", 120).whiteout("app/x").build()};
    }

    /** L0: /opt/app/{old 300, keep 10}, /opt/other 5. L1: /opt/app/new 40 then opaque /opt/app. L2: opaque first, /opt/app/newer 7. */
    public static byte[][] opaqueBeforeAndAfterSiblings() {
        return new byte[][] {
            layer().file("opt/app/old", 300).file("opt/app/keep", 10).file("opt/other", 5).build(),
            layer().file("opt/app/new", 40).opaque("opt/app").build(),
            layer().opaque("opt/app").file("opt/app/newer", 7).build()};
    }

    /**
     * L0: file /data 100, /lib/{x 20, y 30}, /bin/busybox 1000, hard link /bin/ls. L1: /data/inner 10 (the file
     * becomes a directory), file /lib 5 (the directory becomes a file), /dup 9 then /dup 4.
     */
    public static byte[][] replacementsLinksAndDuplicates() {
        return new byte[][] {
            layer().file("data", 100).file("lib/x", 20).file("lib/y", 30).file("bin/busybox", 1000)
                    .hardlink("bin/ls", "bin/busybox").build(),
            layer().file("data/inner", 10).file("lib", 5).file("dup", 9).file("dup", 4).build()};
    }
}
