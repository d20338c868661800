package dev.whittle.report.fleet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whittle.fleet.query.FleetReport;
import dev.whittle.report.JsonReport;
import dev.whittle.report.html.HtmlReportRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The fleet report as one self-contained page in the style of {@code whittle report}: the same stylesheet and script
 * helpers ({@code page.js}: building elements as text, formatting bytes and shares), the data as
 * JSON in a script block (escaped as {@link HtmlReportRenderer#embed} does), and a script that builds every element
 * with {@code textContent}, so a hostile tag or base name stays text. Summary cards, then one panel per question.
 */
public final class FleetHtmlRenderer {
    private static final String CSS = resource("/dev/whittle/report/html/report.css")
            + resource("/dev/whittle/report/fleet/fleet.css");
    private static final String JS = resource("/dev/whittle/report/html/page.js")
            + resource("/dev/whittle/report/fleet/fleet.js");

    private FleetHtmlRenderer() {
    }

    /** The complete HTML document; {@code version} is Whittle's, for the footer. */
    public static String render(FleetReport report, String version) {
        ObjectNode data = JsonReport.mapper().createObjectNode();
        data.put("version", version);
        data.set("fleet", JsonReport.mapper().valueToTree(report));
        String title = "Whittle fleet report: " + report.scan().registry();
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                + "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
                + "<title>" + HtmlReportRenderer.escape(title) + "</title>\n<style>\n" + CSS
                + "</style>\n</head>\n<body>\n<div id=\"app\"><noscript>This report needs JavaScript.</noscript>"
                + "</div>\n<script type=\"application/json\" id=\"whittle-data\">" + HtmlReportRenderer.embed(data)
                + "</script>\n<script>\n" + JS + "</script>\n</body>\n</html>\n";
    }

    private static String resource(String name) {
        try (InputStream in = FleetHtmlRenderer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
