package dev.whittle.report.html;

import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.InMemoryImage;
import dev.whittle.fs.UnionView;
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
        assertThat(data.path("layerFiles").get(0).path("entries").get(0).path("p").asText()).isEqualTo("/" + evil);
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
    void treemapSumsDirectoriesAndGroupsSmallFiles() throws Exception {
        // /big 1000, /dir/x 300, /dir/y 200, and 10 files of 1 byte: each under 0.5% of the 1510-byte root.
        LayerTarBuilder l = layer().file("big", 1000).file("dir/x", 300).file("dir/y", 200);
        for (int i = 0; i < 10; i++) {
            l.file("tiny/t" + i, 1);
        }
        JsonNode root = data(render(l.build())).path("treemap");
        assertThat(root.path("s").asLong()).isEqualTo(1510);
        assertThat(root.path("f").asLong()).isEqualTo(13);
        JsonNode kids = root.path("c");
        assertThat(kids.get(0).path("n").asText()).isEqualTo("big");
        assertThat(kids.get(1).path("n").asText()).isEqualTo("dir");
        assertThat(kids.get(1).path("d").asInt()).isEqualTo(1);
        assertThat(kids.get(1).path("c").size()).isEqualTo(2);
        // tiny/ holds 10 bytes: 0.66% of the root, so it stays; its 1-byte files are 10% of it each.
        assertThat(kids.get(2).path("n").asText()).isEqualTo("tiny");
        assertThat(kids.get(2).path("c").size()).isEqualTo(10);
    }

    @Test
    void manyFilesStayBounded() throws Exception {
        // 25,000 files of 1 to 400 bytes in 250 directories: the page lists a capped number and groups the rest.
        LayerTarBuilder l = layer();
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < 25_000; i++) {
            l.file("usr/share/p" + (i % 250) + "/f" + i, 1 + r.nextInt(400));
        }
        String html = render(l.build(), layer().whiteout("usr/share/p0").build());
        JsonNode data = data(html);
        int nodes = count(data.path("treemap"));
        assertThat(nodes).isLessThanOrEqualTo(dev.whittle.measure.tree.Treemap.MAX_NODES);
        assertThat(html.getBytes(StandardCharsets.UTF_8).length).isLessThan(4_000_000);
        JsonNode layer0 = data.path("layerFiles").get(0);
        assertThat(layer0.path("total").asInt()).isEqualTo(25_000);
        long listed = 0;
        long represented = 0;
        for (JsonNode e : layer0.path("entries")) {
            listed += e.path("k").asText().equals("+") ? 0 : 1;
            represented += e.path("k").asText().equals("+") ? e.path("x").asLong() : 1;
        }
        assertThat(listed).isEqualTo(dev.whittle.measure.tree.LayerFileLists.BUDGET / 2);
        assertThat(represented).isEqualTo(25_000);
        JsonNode layer1 = data.path("layerFiles").get(1).path("entries").get(0);
        assertThat(layer1.path("k").asText()).isEqualTo("D");
        assertThat(layer1.path("p").asText()).isEqualTo("/usr/share/p0");
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
