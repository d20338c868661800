package dev.whittle.slim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whittle.cli.Main;
import dev.whittle.source.registry.LocalRegistry;
import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.ExternalTool;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slim -o docker://}: pushed to a real Distribution registry, base layers mounted or found rather than sent
 * again, the result read back by skopeo with the input's tree, and the same digest as the same image written to disk.
 */
@Tag("integration")
class SlimPushIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run whittle(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private static List<String> pushed(Run run) throws Exception {
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode output = JSON.readTree(run.out()).path("output");
        assertThat(output.path("format").asText()).isEqualTo("docker");
        return JSON.convertValue(output.path("pushed"), JSON.getTypeFactory()
                .constructCollectionType(List.class, String.class));
    }

    @Test
    void pushesMountsAndSkipsBaseLayersAndSkopeoReadsTheInputsTree() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(LocalRegistry.available(), "docker-registry not installed");
        ExternalTool.assumeInstalled("skopeo");
        ExternalTool.assumeInstalled("umoci");
        Files.createDirectories(tmp.resolve("registry"));
        try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"), null, null)) {
            Path in = tmp.resolve("in.tar");
            SlimmerTest.hostile().writeDockerArchive(in, DockerArchiveVariant.CLASSIC);
            registry.push("docker-archive:" + in, "team/app:1");
            String input = "docker://" + registry.host() + "/team/app:1";

            // another repository of the same registry: the base layers are mounted, only the new layer is uploaded
            String out = "docker://" + registry.host() + "/team/app-slim:1";
            assertThat(pushed(whittle("slim", "-q", "--json", "--plain-http", input, "-o", out)))
                    .containsExactly("mounted", "mounted", "uploaded");
            // again, under another tag: everything is there already (and the squash is deterministic)
            String again = "docker://" + registry.host() + "/team/app-slim:2";
            assertThat(pushed(whittle("slim", "-q", "--json", "--plain-http", input, "-o", again)))
                    .containsExactly("present", "present", "present");
            // from a file into a new repository: everything is uploaded
            String fresh = "docker://" + registry.host() + "/other/app:1";
            Run fromFile = whittle("slim", "-q", "--json", "--plain-http", "docker-archive:" + in, "-o", fresh);
            assertThat(pushed(fromFile)).containsExactly("uploaded", "uploaded", "uploaded");

            ExternalTool.run("skopeo", "inspect", "--tls-verify=false", out).requireSuccess("skopeo inspect");
            Map<String, String> before = SlimRealToolsIntegrationTest.unpack(tmp, "docker-archive:" + in, "in");
            assertThat(unpackFromRegistry(out, "pushed")).isEqualTo(before);
            assertThat(unpackFromRegistry(fresh, "fresh")).isEqualTo(before);

            // the same image written to disk has the same manifest digest as the one pushed from the same file
            Run disk = whittle("slim", "-q", "--json", "docker-archive:" + in, "-o", "oci:" + tmp.resolve("disk"));
            assertThat(disk.code()).as(disk.err()).isZero();
            assertThat(JSON.readTree(disk.out()).path("output").path("manifestDigest").asText())
                    .isEqualTo(JSON.readTree(fromFile.out()).path("output").path("manifestDigest").asText());
            String inspected = ExternalTool.run("skopeo", "inspect", "--tls-verify=false", fresh).stdout();
            assertThat(JSON.readTree(inspected).path("Digest").asText())
                    .isEqualTo(JSON.readTree(fromFile.out()).path("output").path("manifestDigest").asText());

            // the input's own tag is refused; a bare name without docker:// is not taken for a push
            Run same = whittle("slim", "--plain-http", input, "-o", input);
            assertThat(same.code()).isEqualTo(2);
            assertThat(same.err()).contains("refusing to write over the input image");
            Run bare = whittle("slim", "docker-archive:" + in, "-o", "example.org/x:1");
            assertThat(bare.code()).isEqualTo(2);
            assertThat(bare.err()).contains("docker://example.org/x:1");
        }
    }

    private Map<String, String> unpackFromRegistry(String ref, String name) {
        Path layout = tmp.resolve("pulled-" + name);
        ExternalTool.run("skopeo", "copy", "-q", "--src-tls-verify=false", ref, "oci:" + layout + ":x")
                .requireSuccess("skopeo copy " + ref);
        return SlimRealToolsIntegrationTest.unpack(tmp, "oci:" + layout + ":x", name);
    }
}
