package dev.whittle.image;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that decides what counts as a secret in an image's history and config, and how its value is shown:
 * {@code NPM_TOKEN=abc123} becomes {@code NPM_TOKEN=****}, a GitHub or AWS key anywhere becomes {@code ****}, a
 * password in a URL becomes {@code https://user:****@host}. Every renderer shows history and config through it (text,
 * JSON, HTML, SARIF), and {@code explain}'s WX008 detects with the same rules, so what explain flags is exactly what is
 * masked. References to a variable ({@code TOKEN=$TOKEN}) are not values and stay as they are.
 */
public final class SecretMask {
    /** What a secret's value is replaced with. */
    public static final String MASK = "****";

    private static final Pattern SECRET_NAME = Pattern.compile("(?i)(?:secret|token|passw(?:or)?d|passwd"
            + "|api[-_]?key|access[-_]?key|private[-_]?key|credential|auth[-_]?token|_auth\\b)");
    /** {@code NAME=value} (shell, build args, ENV) and {@code NAME: value}; the value quoted or up to a separator. */
    private static final Pattern ASSIGNMENT = Pattern.compile("(?<![A-Za-z0-9_$.-])([A-Za-z_][A-Za-z0-9_.-]*)"
            + "(=|:[ \\t]*)(\"[^\"]*\"|'[^']*'|[^\\s;&|\"'`)]+)");
    /** {@code --password X}, {@code --token=X}: a value passed as a command-line option. */
    private static final Pattern OPTION = Pattern.compile("(?<![A-Za-z0-9-])(--[A-Za-z0-9][A-Za-z0-9-]*)(=|[ \\t]+)"
            + "(\"[^\"]*\"|'[^']*'|[^\\s;&|\"'`)-][^\\s;&|\"'`)]*)");
    private static final Pattern URL_PASSWORD = Pattern.compile("(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*://"
            + "[^/\\s:@]+:)([^/\\s@]+)(@)");

    /** A secret recognisable by its shape, wherever it appears. */
    private record Token(String kind, Pattern pattern) {
    }

    private static final List<Token> TOKENS = List.of(
            new Token("AWS access key id", Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b")),
            new Token("GitHub token", Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})")),
            new Token("Slack token", Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}")),
            new Token("Stripe live key", Pattern.compile("\\b[sr]k_live_[A-Za-z0-9]{10,}")),
            new Token("Google API key", Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}\\b")),
            new Token("PyPI token", Pattern.compile("\\bpypi-[A-Za-z0-9_-]{20,}")),
            new Token("npm token", Pattern.compile("\\bnpm_[A-Za-z0-9]{36}\\b")));

    private SecretMask() {
    }

    /** Whether a variable or key named {@code name} is meant to hold a secret (token, password, API key...). */
    public static boolean isSecretName(String name) {
        return name != null && SECRET_NAME.matcher(name).find();
    }

    /**
     * {@code text} (a history {@code created_by} or comment, an instruction, a label value) with every secret value
     * replaced by {@link #MASK}; null stays null.
     */
    public static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = replaceValues(ASSIGNMENT, text);
        out = replaceValues(OPTION, out);
        out = URL_PASSWORD.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + m.group(3)));
        for (Token t : TOKENS) {
            out = t.pattern().matcher(out).replaceAll(MASK);
        }
        return out;
    }

    /** One {@code NAME=value} entry of a config's {@code Env}, its value masked when the name is a secret's. */
    public static String env(String entry) {
        if (entry == null) {
            return null;
        }
        int eq = entry.indexOf('=');
        if (eq > 0 && isSecretName(entry.substring(0, eq)) && eq < entry.length() - 1) {
            return entry.substring(0, eq + 1) + MASK;
        }
        return text(entry);
    }

    /**
     * What {@link #text} would mask in {@code text}, by name: the variable or option names holding secret values, and
     * the kinds of recognisable tokens ("GitHub token", "password in a URL"). Never the values themselves.
     */
    public static Set<String> secretsIn(String text) {
        Set<String> found = new LinkedHashSet<>();
        if (text == null || text.isEmpty()) {
            return found;
        }
        for (Pattern p : List.of(ASSIGNMENT, OPTION)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                if (isSecretName(m.group(1)) && isValue(m.group(3))) {
                    found.add(m.group(1));
                }
            }
        }
        if (URL_PASSWORD.matcher(text).find()) {
            found.add("password in a URL");
        }
        for (Token t : TOKENS) {
            if (t.pattern().matcher(text).find()) {
                found.add(t.kind());
            }
        }
        return found;
    }

    private static String replaceValues(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String replacement = m.group();
            if (isSecretName(m.group(1)) && isValue(m.group(3))) {
                replacement = m.group(1) + m.group(2) + MASK;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A value rather than a reference to one ({@code $TOKEN}, {@code ${TOKEN}}) or an empty pair of quotes. */
    private static boolean isValue(String value) {
        String v = value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                ? value.substring(1, value.length() - 1) : value;
        return !v.isEmpty() && !v.startsWith("$") && !v.equals(MASK);
    }
}
