package dev.whittle.report;

import java.io.StringWriter;
import java.util.List;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes JUnit XML (the Ant/Surefire format CI servers read): {@code <testsuites>} with one {@code <testsuite>}
 * per checked thing and one {@code <testcase>} per check: passed, failed, or {@code <skipped/>} when it was not
 * checked. Generic on purpose: lint writes a suite per Dockerfile and a case per rule; {@code whittle ci} writes its
 * gates the same way. A {@code classname} never holds a dot ({@code .} becomes {@code _}): Jenkins, GitLab and the
 * test-report actions split class names at dots into package trees, which would cut {@code Dockerfile.prod} or
 * {@code .whittle.yml} in pieces.
 */
public final class JUnitXmlWriter {

    private JUnitXmlWriter() {
    }

    /** Why a test case failed: {@code type} (a rule id), a one-line {@code message}, and details as text. */
    public record Failure(String type, String message, String text) {
        public Failure {
            Objects.requireNonNull(message, "message");
        }
    }

    /** One check; {@code failure} is null when it passed; {@code skipped} (the reason) is non-null when not checked. */
    public record TestCase(String name, String className, Failure failure, String skipped) {
        public TestCase {
            Objects.requireNonNull(name, "name");
            if (failure != null && skipped != null) {
                throw new IllegalArgumentException("a test case is failed or skipped, not both");
            }
        }

        /** A case that was checked: passed when {@code failure} is null. */
        public TestCase(String name, String className, Failure failure) {
            this(name, className, failure, null);
        }

        /** A case that was not checked, and why. */
        public static TestCase skipped(String name, String className, String reason) {
            return new TestCase(name, className, null, reason == null ? "" : reason);
        }

        /** True when the case has a failure. */
        public boolean failed() {
            return failure != null;
        }

        /** True when the case was not checked. */
        public boolean isSkipped() {
            return skipped != null;
        }
    }

    /** One group of checks (a file, an image). */
    public record Suite(String name, List<TestCase> cases) {
        public Suite {
            Objects.requireNonNull(name, "name");
            cases = List.copyOf(cases);
        }

        /** Number of failed cases. */
        public int failures() {
            int n = 0;
            for (TestCase c : cases) {
                n += c.failed() ? 1 : 0;
            }
            return n;
        }

        /** Number of skipped cases. */
        public int skipped() {
            int n = 0;
            for (TestCase c : cases) {
                n += c.isSkipped() ? 1 : 0;
            }
            return n;
        }
    }

    /** The document, with an XML declaration, ending with a newline. */
    public static String write(String name, List<Suite> suites) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            int tests = 0;
            int failures = 0;
            int skipped = 0;
            for (Suite s : suites) {
                tests += s.cases().size();
                failures += s.failures();
                skipped += s.skipped();
            }
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", clean(name));
            xml.writeAttribute("tests", Integer.toString(tests));
            xml.writeAttribute("failures", Integer.toString(failures));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", Integer.toString(skipped));
            for (Suite suite : suites) {
                suite(xml, suite);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML", e);
        }
        return text + "\n";
    }

    private static void suite(XMLStreamWriter xml, Suite suite) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", clean(suite.name()));
        xml.writeAttribute("tests", Integer.toString(suite.cases().size()));
        xml.writeAttribute("failures", Integer.toString(suite.failures()));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("skipped", Integer.toString(suite.skipped()));
        xml.writeAttribute("time", "0");
        for (TestCase c : suite.cases()) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("testcase");
            xml.writeAttribute("name", clean(c.name()));
            xml.writeAttribute("classname", className(c.className() == null ? suite.name() : c.className()));
            xml.writeAttribute("time", "0");
            if (c.isSkipped()) {
                xml.writeEmptyElement("skipped");
                if (!c.skipped().isEmpty()) {
                    xml.writeAttribute("message", clean(c.skipped()));
                }
            }
            if (c.failure() != null) {
                xml.writeStartElement("failure");
                xml.writeAttribute("message", clean(c.failure().message()));
                if (c.failure().type() != null) {
                    xml.writeAttribute("type", clean(c.failure().type()));
                }
                if (c.failure().text() != null) {
                    xml.writeCharacters(clean(c.failure().text()));
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    /** A class name CI trees keep whole: dots (package separators to every JUnit reader) become underscores. */
    static String className(String s) {
        return clean(s).replace('.', '_');
    }

    /** Drops characters XML 1.0 cannot carry at all (control characters other than tab and line breaks). */
    public static String clean(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
                    || Character.isSurrogate(c) || (c >= 0xE000 && c <= 0xFFFD);
            if (!ok && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null && ok) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }
}
