package dev.whittle.report.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whittle.measure.tree.TreeScope;
import dev.whittle.report.HumanText;
import dev.whittle.report.JsonReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the report page: a static skeleton, the CSS and script inlined from this package's resources (the script
 * after {@code page.js}, the helpers the fleet page shares), and the data
 * as JSON in a {@code <script type="application/json">} block. The script builds every element from the data with
 * {@code textContent}, never markup, and the JSON has {@code <}, {@code >} and {@code &} escaped, so hostile paths
 * ({@code </script>}, quotes, markup) stay text.
 */
public final class HtmlReportRenderer {
    private static final String CSS = resource("report.css");
    /** The helpers the report and fleet pages share ({@code whittlePage}), then the page's own script. */
    private static final String JS = resource("page.js") + resource("report.js");

    private HtmlReportRenderer() {
    }

    /** The complete HTML document. */
    public static String render(ReportInput input) {
        ObjectNode data = JsonReport.mapper().createObjectNode();
        data.put("version", input.version());
        data.set("image", JsonReport.mapper().valueToTree(input.measurement()));
        data.set("explanation", input.explanation() == null ? null
                : JsonReport.mapper().valueToTree(input.explanation()));
        data.set("comparison", input.comparison() == null ? null
                : JsonReport.mapper().valueToTree(input.comparison()));
        data.set("packages", input.packages() == null ? null : JsonReport.mapper().valueToTree(input.packages()));
        data.set("explore", TreeJson.explore(input.trees(), input.measurement().wastedFiles()));
        data.set("findingTargets", targets(input.targets()));
        String title = "Whittle report: " + input.measurement().reference();
        StringBuilder html = new StringBuilder(1 << 16);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n<div id=\"app\"><noscript>This report needs JavaScript.</noscript>")
                .append("</div>\n<script type=\"application/json\" id=\"whittle-data\">")
                .append(embed(data)).append("</script>\n<script>\n").append(JS).append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    /**
     * Where each finding is in the explorer, beside {@code explanation.findings}: per finding, per evidence, null or
     * {@code {l layer, v "changes"|"aggregated", p [per path group: its tree path, escaped as the trees' names are,
     * or null]}}.
     */
    static ArrayNode targets(FindingTargets targets) {
        ArrayNode out = JsonReport.mapper().createArrayNode();
        for (List<FindingTargets.Target> finding : targets.findings()) {
            ArrayNode evidence = out.addArray();
            for (FindingTargets.Target t : finding) {
                if (t == null) {
                    evidence.addNull();
                    continue;
                }
                ObjectNode o = evidence.addObject();
                o.put("l", t.layer());
                o.put("v", t.scope() == TreeScope.LAYER ? "changes" : "aggregated");
                ArrayNode paths = o.putArray("p");
                t.paths().forEach(p -> {
                    if (p == null) {
                        paths.addNull();
                    } else {
                        paths.add(HumanText.line(p));
                    }
                });
            }
        }
        return out;
    }

    /** JSON safe inside a script element: no {@code <}, {@code >}, {@code &} or JavaScript line separators. */
    public static String embed(ObjectNode data) {
        String json;
        try {
            json = JsonReport.mapper().writer().without(
                    com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the report data", e);
        }
        StringBuilder out = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Text safe in HTML content and attribute values. */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReportRenderer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
