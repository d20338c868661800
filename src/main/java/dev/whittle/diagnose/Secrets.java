package dev.whittle.diagnose;

import dev.whittle.image.HistoryEntry;
import dev.whittle.image.SecretMask;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WX008: secrets shipped in files (private keys, {@code .env} files, {@code .npmrc}/{@code .pypirc} tokens, cloud
 * keys, credentials in URLs) in any layer (a file a later layer deletes still ships), and in the config (ENV) and
 * history (build args recorded in {@code created_by}, by {@link SecretMask}'s rules: what is flagged here is what every
 * renderer masks). Reports the path or variable and the kind, never the value.
 */
final class Secrets implements Detector {
    static final String ID = "WX008";
    private static final long MAX_CANDIDATE = 256 << 10;
    private static final Pattern CANDIDATE = Pattern.compile("/(?:\\.env(?:\\.[^/]*)?|[^/]+\\.env|\\.npmrc|\\.pypirc"
            + "|\\.netrc|\\.git-credentials|id_(?:rsa|dsa|ecdsa|ed25519)|[^/]+\\.(?:pem|key)|credentials"
            + "|\\.docker/config\\.json|secrets?\\.(?:json|ya?ml))$");
    private static final Pattern PUBLIC_CERTS = Pattern.compile("^/(?:etc/ssl/certs|usr/share/ca-certificates"
            + "|etc/ca-certificates|usr/lib/ssl/certs|etc/pki/ca-trust)/");
    private static final Pattern ASSIGNMENT = Pattern.compile("(?m)^[ \\t]*(?:export[ \\t]+)?([A-Za-z_][A-Za-z0-9_.-]*)"
            + "[ \\t]*[=:][ \\t]*(\\S.*)$");

    /** A recognisable secret in file content. */
    private record Kind(String name, Pattern pattern) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("private key", Pattern.compile("-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----")),
            new Kind("AWS access key id", Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b")),
            new Kind("AWS secret access key", Pattern.compile("(?i)aws_secret_access_key\\s*[=:]\\s*\\S+")),
            new Kind("npm token", Pattern.compile("_auth(?:Token)?\\s*=\\s*\\S+")),
            new Kind("PyPI credentials", Pattern.compile("(?m)^\\s*password\\s*[=:]\\s*\\S+|pypi-[A-Za-z0-9_-]{20,}")),
            new Kind("GitHub token", Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})")),
            new Kind("Slack token", Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}")),
            new Kind("Stripe live key", Pattern.compile("\\b[sr]k_live_[A-Za-z0-9]{10,}")),
            new Kind("Google API key", Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}\\b")),
            new Kind("password in a URL", Pattern.compile("[a-z][a-z0-9+.-]*://[^/\\s:@]+:[^/\\s@]+@")),
            new Kind("netrc password", Pattern.compile("(?m)\\bpassword\\s+\\S+")),
            new Kind("registry credentials", Pattern.compile("\"auth\"\\s*:\\s*\"[^\"]+\"")));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "secrets in files, ENV and history";
    }

    @Override
    public boolean wantsContent(String path, long size) {
        return size <= MAX_CANDIDATE && mayBeCandidate(path) && CANDIDATE.matcher(path).find()
                && !PUBLIC_CERTS.matcher(path).find();
    }

    /** A cheap first test on the file name: runs for every file while the layers are read. */
    private static boolean mayBeCandidate(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.startsWith(".env") || name.endsWith(".env") || name.endsWith(".pem") || name.endsWith(".key")
                || name.startsWith("id_") || name.endsWith("rc") || name.endsWith("credentials")
                || name.equals("config.json") || name.startsWith("secret");
    }

    @Override
    public List<Detection> detect(ImageFacts facts) {
        List<Detection> out = new ArrayList<>();
        Map<String, Set<String>> kindsByFile = new TreeMap<>();
        facts.files().contents().forEach((key, bytes) -> {
            if (!wantsContent(key.path(), bytes.length)) {
                return;
            }
            Set<String> kinds = kinds(key.path(), new String(bytes, StandardCharsets.ISO_8859_1));
            if (!kinds.isEmpty()) {
                kindsByFile.computeIfAbsent(key.path(), k -> new LinkedHashSet<>()).addAll(kinds);
            }
        });
        Map<String, EvidenceBuilder> byFile = new TreeMap<>();
        facts.forEachFile((layer, row, pathId, bytes, by) -> {
            String path = facts.path(pathId);
            Set<String> kinds = kindsByFile.get(path);
            if (kinds != null && facts.content(layer, path).isPresent()) {
                byFile.computeIfAbsent(path, k -> new EvidenceBuilder(facts))
                        .add(layer, row, bytes, by, path, String.join(", ", kinds));
            }
        });
        byFile.forEach((path, b) -> out.add(file(b, path, kindsByFile.get(path))));
        Detection config = config(facts);
        if (config != null) {
            out.add(config);
        }
        return out;
    }

    /** The kinds of secret in a file's text; names only, never values. */
    static Set<String> kinds(String path, String text) {
        Set<String> found = new LinkedHashSet<>();
        for (Kind k : KINDS) {
            if (k.name().equals("netrc password") && !path.endsWith("/.netrc")) {
                continue;
            }
            if (k.name().equals("PyPI credentials") && !path.endsWith("/.pypirc") && !text.contains("pypi-")) {
                continue;
            }
            if (k.pattern().matcher(text).find()) {
                found.add(k.name());
            }
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.startsWith(".env") || name.endsWith(".env")) {
            Matcher m = ASSIGNMENT.matcher(text);
            while (m.find()) {
                String value = m.group(2).strip().replaceAll("^[\"']|[\"']$", "");
                if (SecretMask.isSecretName(m.group(1)) && !value.isEmpty() && !value.startsWith("${")) {
                    found.add(m.group(1));
                }
            }
        }
        return found;
    }

    private static Detection file(EvidenceBuilder b, String path, Set<String> kinds) {
        LayerRef where = b.evidence().get(0).source();
        String name = path.substring(path.lastIndexOf('/') + 1);
        String fix = "Remove " + path + " from the image and rotate what it holds: every pull of this image has"
                + " shipped it. " + (Overwrites.isCopy(where) ? "It arrives with " + where.instruction() + " ("
                + RunLine.where(where) + "): add " + name + " to .dockerignore. " : "")
                + "Pass secrets at build time with `RUN --mount=type=secret,id=" + name.replace(".", "")
                + " ...` and at run time through the environment or a secret store.";
        List<String> caveats = new ArrayList<>();
        if (b.evidence().stream().anyMatch(e -> e.hiddenBy() != null)) {
            caveats.add("A later layer deletes it, but the layer that added it still ships it: rotate it anyway.");
        }
        return b.detection(ID, "secret shipped in " + path + " (" + String.join(", ", kinds) + ")", Severity.HIGH,
                fix, caveats);
    }

    private static Detection config(ImageFacts facts) {
        Set<String> where = new LinkedHashSet<>();
        for (String e : facts.config().env()) {
            int eq = e.indexOf('=');
            if (eq > 0 && SecretMask.isSecretName(e.substring(0, eq)) && eq < e.length() - 1) {
                where.add("ENV " + e.substring(0, eq));
            }
        }
        for (HistoryEntry h : facts.history()) {
            if (h.createdBy() == null) {
                continue;
            }
            for (String name : SecretMask.secretsIn(h.createdBy())) {
                where.add("history: " + name);
            }
        }
        if (where.isEmpty()) {
            return null;
        }
        Finding f = new Finding(ID, "secret-like values in the image config: " + String.join(", ", where),
                Severity.HIGH, 0, 0, List.of(), "Do not bake secrets into ENV or build args: they are stored in the"
                + " config and history of every copy of the image. Use `RUN --mount=type=secret` at build time and"
                + " inject them at run time; rotate these values.", List.of("A variable named like a secret may hold"
                + " a harmless value (a path, a flag); check each before rotating."));
        return new Detection(f, new Claims(facts.layerCount()));
    }
}
