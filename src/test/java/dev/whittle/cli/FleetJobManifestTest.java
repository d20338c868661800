package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code deploy/kubernetes/fleet-job.yaml} parsed with snakeyaml-engine: an Indexed Job whose shard count reaches the
 * scan, whose command line uses only real options of {@code fleet scan}, and whose every secret and variable is
 * wired to something defined in the same file.
 */
class FleetJobManifestTest {
    static final Path MANIFEST = Path.of("deploy/kubernetes/fleet-job.yaml");
    static Map<String, Map<String, Object>> byKind = new HashMap<>();
    static List<Map<String, Object>> secrets = new ArrayList<>();
    static Map<String, Object> container;
    static Map<String, Object> podSpec;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws Exception {
        Load load = new Load(LoadSettings.builder().build());
        for (Object doc : load.loadAllFromString(Files.readString(MANIFEST))) {
            if (doc == null) {
                continue;
            }
            Map<String, Object> m = (Map<String, Object>) doc;
            byKind.put((String) m.get("kind"), m);
            if ("Secret".equals(m.get("kind"))) {
                secrets.add(m);
            }
        }
        Map<String, Object> spec = map(byKind.get("Job"), "spec");
        podSpec = map(map(spec, "template"), "spec");
        container = ((List<Map<String, Object>>) podSpec.get("containers")).get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> env() {
        return (List<Map<String, Object>>) container.get("env");
    }

    static Map<String, Object> env(String name) {
        return env().stream().filter(e -> name.equals(e.get("name"))).findFirst().orElse(null);
    }

    @Test
    void itIsAnIndexedJobWhoseShardCountReachesTheScan() {
        Map<String, Object> job = byKind.get("Job");
        assertThat(job.get("apiVersion")).isEqualTo("batch/v1");
        Map<String, Object> spec = map(job, "spec");
        assertThat(spec.get("completionMode")).isEqualTo("Indexed");
        assertThat(spec.get("parallelism")).isEqualTo(spec.get("completions"));
        // Kubernetes sets JOB_COMPLETION_INDEX, not the count: the manifest must, and it must match completions
        assertThat(env("JOB_COMPLETIONS").get("value")).isEqualTo(String.valueOf(spec.get("completions")));
        assertThat(env("JOB_COMPLETION_INDEX")).isNull();
        assertThat(podSpec.get("restartPolicy")).isIn("OnFailure", "Never");
        @SuppressWarnings("unchecked")
        Map<String, Object> scanId = map(map(env("SCAN_ID"), "valueFrom"), "fieldRef");
        assertThat(scanId.get("fieldPath")).isEqualTo("metadata.labels['batch.kubernetes.io/controller-uid']");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCommandLineUsesRealOptionsOfFleetScanAndDefinedVariables() {
        List<String> args = (List<String>) container.get("args");
        assertThat(args.subList(0, 2)).containsExactly("fleet", "scan");
        CommandSpec scan = Main.newCommandLine().getSubcommands().get("fleet").getSubcommands().get("scan")
                .getCommandSpec();
        List<String> options = args.stream().filter(a -> a.startsWith("-")).toList();
        assertThat(options).contains("--db", "--scan-id");
        assertThat(options).allSatisfy(o -> assertThat(scan.findOption(o)).as(o).isNotNull());
        Pattern ref = Pattern.compile("\\$\\(([A-Z_]+)\\)");
        for (String a : args) {
            Matcher m = ref.matcher(a);
            while (m.find()) {
                assertThat(env(m.group(1))).as("$(" + m.group(1) + ") is defined in env").isNotNull();
            }
        }
        // the arguments parse as fleet scan's, with the variables standing in for their values
        CommandLine.ParseResult parsed = Main.newCommandLine().parseArgs(args.stream()
                .map(a -> a.replaceAll("\\$\\(([A-Z_]+)\\)", "x-$1")).toArray(String[]::new))
                .subcommand().subcommand();
        assertThat(parsed.commandSpec().name()).isEqualTo("scan");
        assertThat(parsed.matchedOptionValue("--db", "")).isEqualTo("x-WHITTLE_DB");
        assertThat(parsed.matchedPositionals()).hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDatabaseAndTheRegistryCredentialsComeFromSecretsInTheFile() {
        for (String name : List.of("WHITTLE_DB", "PGPASSWORD")) {
            Map<String, Object> ref = map(map(env(name), "valueFrom"), "secretKeyRef");
            Map<String, Object> secret = secret((String) ref.get("name"));
            assertThat(map(secret, "stringData")).as(name).containsKey((String) ref.get("key"));
        }
        assertThat((String) map(secret("whittle-fleet-db"), "stringData").get("url")).startsWith("postgresql://")
                .doesNotContain(":change-me");
        Map<String, Object> volume = ((List<Map<String, Object>>) podSpec.get("volumes")).stream()
                .filter(v -> v.containsKey("secret")).findFirst().orElseThrow();
        Map<String, Object> source = map(volume, "secret");
        Map<String, Object> docker = secret((String) source.get("secretName"));
        assertThat(docker.get("type")).isEqualTo("kubernetes.io/dockerconfigjson");
        Map<String, Object> item = ((List<Map<String, Object>>) source.get("items")).get(0);
        assertThat(item.get("key")).isEqualTo(".dockerconfigjson");
        Map<String, Object> mount = ((List<Map<String, Object>>) container.get("volumeMounts")).stream()
                .filter(v -> volume.get("name").equals(v.get("name"))).findFirst().orElseThrow();
        assertThat(env("REGISTRY_AUTH_FILE").get("value")).isEqualTo(mount.get("mountPath") + "/" + item.get("path"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void resourcesAreRequestedAndTheRootFilesystemIsReadOnlyWithAWritableTmp() {
        Map<String, Object> resources = map(container, "resources");
        assertThat(map(resources, "requests")).containsKeys("cpu", "memory");
        assertThat(map(resources, "limits")).containsKey("memory");
        assertThat(map(container, "securityContext").get("readOnlyRootFilesystem")).isEqualTo(true);
        assertThat((List<Map<String, Object>>) container.get("volumeMounts"))
                .anySatisfy(m -> assertThat(m.get("mountPath")).isEqualTo("/tmp"));
    }

    static Map<String, Object> secret(String name) {
        return secrets.stream().filter(s -> name.equals(map(s, "metadata").get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no Secret " + name + " in " + MANIFEST));
    }
}
