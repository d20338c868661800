package dev.whittle.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest such as {@code sha256:9f86d0...}. Validated on construction, so a {@code Digest} in hand is
 * always well-formed.
 */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {
    private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*");
    private static final Pattern HEX = Pattern.compile("[a-f0-9]+");

    public Digest {
        if (algorithm == null || !ALGORITHM.matcher(algorithm).matches()) {
            throw new IllegalArgumentException("invalid digest algorithm [" + algorithm + "]");
        }
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("invalid digest hex [" + hex + "]");
        }
        if (algorithm.equals("sha256") && hex.length() != 64) {
            throw new IllegalArgumentException("sha256 digest must have 64 hex digits: [" + hex + "]");
        }
        if (algorithm.equals("sha512") && hex.length() != 128) {
            throw new IllegalArgumentException("sha512 digest must have 128 hex digits: [" + hex + "]");
        }
    }

    /** Parses {@code alg:hex}; throws {@link IllegalArgumentException} with the offending text otherwise. */
    public static Digest parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("digest is missing");
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("invalid digest [" + text + "]: expected algorithm:hex");
        }
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    /** True when {@code text} parses as a digest. */
    public static boolean isDigest(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The sha256 digest of these bytes. */
    public static Digest sha256(byte[] bytes) {
        return fromHash("sha256", newSha256().digest(bytes));
    }

    /** A fresh SHA-256 message digest; SHA-256 is always present in the JDK. */
    public static MessageDigest newSha256() {
        return newMessageDigest("sha256");
    }

    /** A fresh message digest for this digest's algorithm. */
    public MessageDigest newMessageDigest() {
        return newMessageDigest(algorithm);
    }

    /** Wraps a finished hash as a digest of the given algorithm. */
    public static Digest fromHash(String algorithm, byte[] hash) {
        return new Digest(algorithm, HexFormat.of().formatHex(hash));
    }

    private static MessageDigest newMessageDigest(String algorithm) {
        String jca = switch (algorithm) {
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            default -> throw new IllegalArgumentException("unsupported digest algorithm [" + algorithm + "]");
        };
        try {
            return MessageDigest.getInstance(jca);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jca + " missing from the JDK", e);
        }
    }

    /** The first 12 hex digits, as docker shows image ids. */
    public String shortHex() {
        return hex.substring(0, Math.min(12, hex.length()));
    }

    @Override
    public int compareTo(Digest other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
