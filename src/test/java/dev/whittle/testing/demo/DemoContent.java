package dev.whittle.testing.demo;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Deterministic, compressible file contents for the demo images: text that looks like what the path suggests
 * (source, logs, apt lists, "binaries") so the archives stay a few MB while the sizes inside stay realistic.
 */
final class DemoContent {
    private static final String[] WORDS = ("the of and to in is for on with that by this be are from at as it or "
            + "an was which payment request response order customer amount currency refund status error module "
            + "function return const let var export import async await promise value config server route handler "
            + "package version depends install library shared object build compile linker header include define "
            + "struct static inline void char int long unsigned size buffer stream cache index update debian main "
            + "amd64 binary source priority optional section devel utils libs net web admin interpreters").split(" ");

    private DemoContent() {
    }

    /**
     * Text of {@code size} bytes: a first line naming the seed (so files differ), then lines drawn from a shared
     * pool small enough for deflate's window, so big files compress about 20x and the archives stay small.
     */
    static byte[] text(String seed, int size) {
        SplittableRandom r = random(seed);
        StringBuilder sb = new StringBuilder(size + 80);
        sb.append("# ").append(seed).append('\n');
        while (sb.length() < size) {
            sb.append(POOL[r.nextInt(POOL.length)]);
        }
        return exact(sb, size);
    }

    private static final String[] POOL = pool();

    private static String[] pool() {
        SplittableRandom r = new SplittableRandom(20240101L);
        String[] lines = new String[240];
        for (int i = 0; i < lines.length; i++) {
            StringBuilder sb = new StringBuilder();
            while (sb.length() < 60) {
                sb.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
            }
            lines[i] = sb.toString().trim() + "\n";
        }
        return lines;
    }

    /** Log lines with timestamps and levels. */
    static byte[] log(String seed, int size) {
        SplittableRandom r = random(seed);
        StringBuilder sb = new StringBuilder(size + 200);
        String[] levels = {"info", "info", "info", "warn", "error", "debug"};
        int n = 0;
        while (sb.length() < size) {
            sb.append(String.format("2024-01-0%d %02d:%02d:%02d.%03d %s ", 1 + n / 40000 % 9, n / 3600 % 24,
                    n / 60 % 60, n % 60, r.nextInt(1000), levels[r.nextInt(levels.length)]));
            sb.append(new String(text(seed + n, 40 + r.nextInt(60)), StandardCharsets.UTF_8).replace('\n', ' '));
            sb.append('\n');
            n++;
        }
        return exact(sb, size);
    }

    /** An ELF-looking file: the magic, then text-like sections (real binaries compress about this well). */
    static byte[] binary(String seed, int size) {
        byte[] body = text(seed, size);
        byte[] magic = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
        System.arraycopy(magic, 0, body, 0, Math.min(magic.length, size));
        SplittableRandom r = random(seed + "#bin");
        for (int i = magic.length; i < size; i += 509) {
            body[i] = (byte) r.nextInt(256);
        }
        return body;
    }

    /** JavaScript-ish source: functions drawn from a shared pool, after a header naming the seed. */
    static byte[] js(String seed, int size) {
        SplittableRandom r = random(seed);
        StringBuilder sb = new StringBuilder(size + 200);
        sb.append("'use strict';\n// ").append(seed).append('\n');
        while (sb.length() < size) {
            sb.append(JS_POOL[r.nextInt(JS_POOL.length)]);
        }
        return exact(sb, size);
    }

    private static final String[] JS_POOL = jsPool();

    private static String[] jsPool() {
        SplittableRandom r = new SplittableRandom(20240102L);
        String[] out = new String[120];
        for (int n = 0; n < out.length; n++) {
            String w = WORDS[r.nextInt(WORDS.length)];
            out[n] = "function " + w + n + "(value, options) {\n  const " + WORDS[r.nextInt(WORDS.length)]
                    + " = options." + w + " || value;\n  return " + WORDS[r.nextInt(WORDS.length)] + "(value);\n}\n";
        }
        return out;
    }

    /** A hex string of {@code length} digits derived from {@code seed}. */
    static String hex(String seed, int length) {
        SplittableRandom r = random(seed);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(Character.forDigit(r.nextInt(16), 16));
        }
        return sb.toString();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static SplittableRandom random(String seed) {
        long h = 1125899906842597L;
        for (int i = 0; i < seed.length(); i++) {
            h = 31 * h + seed.charAt(i);
        }
        return new SplittableRandom(h);
    }

    private static byte[] exact(StringBuilder sb, int size) {
        byte[] all = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[size];
        System.arraycopy(all, 0, out, 0, size);
        return out;
    }
}
