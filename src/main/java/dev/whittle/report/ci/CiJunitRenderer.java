package dev.whittle.report.ci;

import dev.whittle.policy.RuleResult;
import dev.whittle.policy.Status;
import dev.whittle.policy.Verdict;
import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Renders the gate as JUnit XML (one test case per rule; failures and skips marked), which GitLab, Jenkins and most
 * CI systems show as a test report.
 */
public final class CiJunitRenderer {
    private CiJunitRenderer() {
    }

    public static String render(Verdict v) {
        StringWriter s = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(s);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            int total = v.results().size();
            w.writeStartElement("testsuites");
            attributes(w, "whittle ci", total, v.fail(), v.skip());
            w.writeCharacters("\n  ");
            w.writeStartElement("testsuite");
            attributes(w, "whittle ci " + Xml.clean(v.image()), total, v.fail(), v.skip());
            w.writeAttribute("errors", "0");
            for (RuleResult r : v.results()) {
                w.writeCharacters("\n    ");
                w.writeStartElement("testcase");
                w.writeAttribute("classname", "whittle.ci." + Xml.clean(r.config()));
                w.writeAttribute("name", Xml.clean(r.rule()));
                w.writeAttribute("time", "0");
                if (r.status() == Status.FAIL) {
                    w.writeStartElement("failure");
                    w.writeAttribute("type", Xml.clean(r.rule()));
                    w.writeAttribute("message", Xml.clean(r.message()));
                    w.writeCharacters(Xml.clean(body(r)));
                    w.writeEndElement();
                } else if (r.status() == Status.SKIP) {
                    w.writeEmptyElement("skipped");
                    w.writeAttribute("message", Xml.clean(r.message()));
                } else {
                    w.writeStartElement("system-out");
                    w.writeCharacters(Xml.clean(body(r)));
                    w.writeEndElement();
                }
                w.writeEndElement();
            }
            w.writeCharacters("\n  ");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML", e);
        }
        return s + "\n";
    }

    private static void attributes(XMLStreamWriter w, String name, int tests, int failures, int skipped)
            throws XMLStreamException {
        w.writeAttribute("name", name);
        w.writeAttribute("tests", String.valueOf(tests));
        w.writeAttribute("failures", String.valueOf(failures));
        w.writeAttribute("skipped", String.valueOf(skipped));
        w.writeAttribute("time", "0");
    }

    private static String body(RuleResult r) {
        StringBuilder b = new StringBuilder("measured: ").append(r.measured()).append("\nlimit: ").append(r.limit())
                .append('\n').append(r.message()).append('\n');
        r.details().forEach(d -> b.append(d).append('\n'));
        return b.toString();
    }
}
