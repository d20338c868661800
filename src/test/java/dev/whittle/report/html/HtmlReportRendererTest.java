package dev.whittle.report.html;

import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whittle.diagnose.ExplainOptions;
import dev.whittle.diagnose.Explainer;
import dev.whittle.diagnose.Explanation;
import dev.whittle.diagnose.PathGroup;
import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.InMemoryImage;
import dev.whittle.fs.LoadProgress;
import dev.whittle.fs.UnionView;
import dev.whittle.image.HistoryEntry;
import dev.whittle.measure.ImageMeasurer;
import dev.whittle.testing.LayerTarBuilder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportRendererTest {
    static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"whittle-data\">(.*?)</script>", Pattern.DOTALL);

    static String render(byte[]... tars) {
        InMemoryImage image = InMemoryImage.of(tars);
        UnionView union = FilesystemLoader.load(image);
        return HtmlReportRenderer.render(ReportInput.of(ImageMeasurer.measure(image, union), union, null, null,
                "test"));
    }

    static JsonNode data(String html) throws Exception {
        Matcher m = DATA.matcher(html);
        assertThat(m.find()).isTrue();
        return new ObjectMapper().readTree(m.group(1));
    }

    @Test
    void hostileTextCannotLeaveTheDataBlock() throws Exception {
        String evil = "a/</script><script>alert(1)</script>&amp;\u2028\"'";
        String html = render(layer().file(evil, 10).build());
        assertThat(html).doesNotContain("<script>alert(1)");
        // Exactly the two script elements of the template, the data block closed once.
        assertThat(html.split("</script>", -1)).hasSize(3);
        assertThat(html).doesNotContain("\u2028");
        JsonNode data = data(html);
        // The path's segments, joined back along the one chain of children: escaped by HumanText, never markup.
        StringBuilder path = new StringBuilder();
        for (JsonNode n = data.path("explore").path("layers").get(0).path("changes").path("root").path("c").get(0);
             n != null; n = n.path("c").get(0)) {
            path.append(path.length() == 0 ? "" : "/").append(n.path("n").asText());
        }
        assertThat(path.toString()).isEqualTo(evil.replace("\u2028", "\\u2028"));
        assertThat(HtmlReportRenderer.escape("<a href=\"x\">'&'</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }

    @Test
    void selfContained() {
        String html = render(layer().file("a", 10).build());
        assertThat(html).doesNotContainPattern("(?i)<link|<img|src=\"http|url\\(http|@import");
        assertThat(html).contains("Content-Security-Policy").contains("default-src 'none'");
    }

    @Test
    void eachLayerHasBothTreesWithMarksTilesAndTheWastedFilesLinked() throws Exception {
        // L0: /var/lib/apt/lists/big 5000, /bin/sh 300. L1: deletes the lists, adds /app/main 700.
        JsonNode ex = data(render(layer().file("var/lib/apt/lists/big", 5000).file("bin/sh", 300).build(),
                layer().whiteout("var/lib/apt/lists").file("app/main", 700).build())).path("explore");
        assertThat(ex.path("layers").size()).isEqualTo(2);
        JsonNode changes1 = ex.path("layers").get(1).path("changes").path("root");
        assertThat(names(changes1)).isEqualTo("app=A[main=A] var=M[lib=M[apt=M[lists=R[big=R]]]]");
        JsonNode agg0 = ex.path("layers").get(0).path("aggregated").path("root");
        assertThat(agg0.path("s").asLong()).isEqualTo(5300);
        assertThat(agg0.path("w").asLong()).isEqualTo(5000);
        JsonNode big = agg0.path("c").get(1).path("c").get(0).path("c").get(0).path("c").get(0).path("c").get(0);
        assertThat(big.path("n").asText()).isEqualTo("big");
        assertThat(big.path("h").asInt()).isEqualTo(1);
        assertThat(big.path("l").asInt()).isEqualTo(0);
        assertThat(big.path("r").size()).isEqualTo(4);
        JsonNode wasted = ex.path("wasted").get(0);
        assertThat(wasted.path("p").asText()).isEqualTo("/var/lib/apt/lists/big");
        assertThat(wasted.path("a").asInt()).isZero();
        assertThat(wasted.path("h").asInt()).isEqualTo(1);
    }

    /** "name=MARK[children]" of a JSON tree node's children, by name. */
    private static String names(JsonNode n) {
        StringBuilder out = new StringBuilder();
        for (JsonNode c : n.path("c")) {
            out.append(out.length() == 0 ? "" : " ").append(c.path("n").asText()).append('=')
                    .append(c.path("m").asText());
            if (c.has("c")) {
                out.append('[').append(names(c)).append(']');
            }
        }
        return out.toString();
    }

    @Test
    void controlCharactersInNamesAreShownEscaped() throws Exception {
        JsonNode ex = data(render(layer().file("a\u001b[2Jb\u202ec", 10).build())).path("explore");
        assertThat(ex.path("layers").get(0).path("aggregated").path("root").path("c").get(0).path("n").asText())
                .isEqualTo("a\\x1b[2Jb\\u202ec");
    }

    @Test
    void manyFilesStayBounded() throws Exception {
        // 25,000 files of 1 to 400 bytes in 250 directories: the page lists a capped number and sums the rest.
        LayerTarBuilder l = layer();
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < 25_000; i++) {
            l.file("usr/share/p" + (i % 250) + "/f" + i, 1 + r.nextInt(400));
        }
        String html = render(l.build(), layer().whiteout("usr/share/p0").build());
        JsonNode ex = data(html).path("explore");
        int nodes = 0;
        for (JsonNode layer : ex.path("layers")) {
            nodes += count(layer.path("changes").path("root")) + count(layer.path("aggregated").path("root")) - 2;
        }
        assertThat(nodes).isLessThanOrEqualTo(dev.whittle.measure.tree.ViewTreeBuilder.BUDGET);
        assertThat(html.getBytes(StandardCharsets.UTF_8).length).isLessThan(4_000_000);
        JsonNode layer0 = ex.path("layers").get(0).path("changes");
        assertThat(layer0.path("entries").asInt()).isEqualTo(25_000 + 250 + 2);
        assertThat(layer0.path("listed").asInt()).isLessThan(25_000);
        JsonNode share = layer0.path("root").path("c").get(0).path("c").get(0);
        assertThat(share.path("n").asText()).isEqualTo("share");
        long listed = 0;
        for (JsonNode d : share.path("c")) {
            listed += d.path("s").asLong();
        }
        assertThat(listed + share.path("o").path("s").asLong()).isEqualTo(share.path("s").asLong());
        JsonNode removed = ex.path("layers").get(1).path("changes").path("root").path("c").get(0).path("c").get(0)
                .path("c").get(0);
        assertThat(removed.path("n").asText()).isEqualTo("p0");
        assertThat(removed.path("m").asText()).isEqualTo("R");
    }

    @Test
    void eachFindingNamesItsLayerItsTreeAndItsFilesEvenWhereTheTreeIsCut() throws Exception {
        // L1: 1,000 files of 10 to 400 bytes and a 5-byte build.log that no directory's 40 largest would list; 48
        // one-file layers after it take their minimum share of the page's budget each, so L1's tree is cut.
        LayerTarBuilder many = layer();
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < 1_000; i++) {
            many.file("srv/p" + (i % 20) + "/f" + i, 10 + r.nextInt(390));
        }
        many.file("srv/p7/build.log", 5);
        java.util.List<HistoryEntry> history = new java.util.ArrayList<>();
        java.util.List<byte[]> tars = new java.util.ArrayList<>();
        history.add(step("ADD rootfs /"));
        tars.add(layer().file("bin/sh", 300).build());
        history.add(step("RUN /bin/sh -c make # buildkit"));
        tars.add(many.build());
        for (int i = 0; i < 48; i++) {
            history.add(step("RUN /bin/sh -c touch /etc/step" + i + " # buildkit"));
            tars.add(layer().file("etc/step" + i, 1).build());
        }
        InMemoryImage image = InMemoryImage.withHistory(history, tars.toArray(byte[][]::new));
        UnionView union = FilesystemLoader.load(image);
        Explanation x = Explainer.explain(image, ExplainOptions.DEFAULTS, LoadProgress.NONE);
        JsonNode data = data(HtmlReportRenderer.render(ReportInput.of(ImageMeasurer.measure(image, union), union, x,
                null, "test")));
        int i = 0;
        while (!x.findings().get(i).title().startsWith("log files")) {
            i++;
        }
        assertThat(x.findings().get(i).evidence()).singleElement().satisfies(e -> assertThat(e.paths())
                .extracting(PathGroup::path).containsExactly("/srv/p7/build.log"));
        JsonNode target = data.path("findingTargets").get(i).get(0);
        assertThat(target.path("l").asInt()).isEqualTo(1);
        assertThat(target.path("v").asText()).isEqualTo("changes");
        assertThat(target.path("p").get(0).asText()).isEqualTo("/srv/p7/build.log");
        // The cut tree lists the log anyway, so the page finds it.
        JsonNode changes1 = data.path("explore").path("layers").get(1).path("changes");
        assertThat(changes1.path("listed").asInt()).isLessThan(changes1.path("entries").asInt());
        JsonNode n = changes1.path("root");
        for (String name : new String[] {"srv", "p7", "build.log"}) {
            JsonNode next = null;
            for (JsonNode c : n.path("c")) {
                next = c.path("n").asText().equals(name) ? c : next;
            }
            assertThat(next).as(name).isNotNull();
            n = next;
        }
        assertThat(n.path("m").asText()).isEqualTo("A");
        assertThat(n.path("o").isMissingNode()).isTrue();
        // One entry per finding, one per evidence.
        assertThat(data.path("findingTargets").size()).isEqualTo(x.findings().size());
        for (int f = 0; f < x.findings().size(); f++) {
            assertThat(data.path("findingTargets").get(f).size()).isEqualTo(x.findings().get(f).evidence().size());
        }
    }

    @Test
    void aReportWithoutFindingsHasNoTargets() throws Exception {
        assertThat(data(render(layer().file("a", 10).build())).path("findingTargets").isEmpty()).isTrue();
    }

    @Test
    void aFindingsDirectoryIsNamedAsItsTreeNode() {
        assertThat(FindingTargets.treePath("/app/node_modules/")).isEqualTo("/app/node_modules");
        assertThat(FindingTargets.treePath("/app/.env")).isEqualTo("/app/.env");
        assertThat(FindingTargets.treePath("/")).isNull();
        assertThat(FindingTargets.treePath("relative")).isNull();
    }

    private static HistoryEntry step(String createdBy) {
        return new HistoryEntry("2024-01-01T00:00:00Z", createdBy, null, false);
    }

    private static int count(JsonNode n) {
        int c = 1;
        for (JsonNode k : n.path("c")) {
            c += count(k);
        }
        return c;
    }

    @Test
    void embedEscapesMarkupCharacters() {
        ObjectNode o = new ObjectMapper().createObjectNode().put("x", "</script>&<!--");
        assertThat(HtmlReportRenderer.embed(o)).isEqualTo("{\"x\":\"\\u003c/script\\u003e\\u0026\\u003c!--\"}");
    }
}
