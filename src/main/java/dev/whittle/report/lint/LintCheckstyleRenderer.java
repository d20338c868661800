package dev.whittle.report.lint;

import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.LintReport;
import dev.whittle.dockerfile.lint.LintResult;
import dev.whittle.report.JUnitXmlWriter;
import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Lint as Checkstyle XML: {@code <file name>} per Dockerfile, {@code <error line column severity message source>}. */
public final class LintCheckstyleRenderer {

    private LintCheckstyleRenderer() {
    }

    /** The whole document for {@code report}. */
    public static String render(LintReport report) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("checkstyle");
            xml.writeAttribute("version", "4.3");
            for (LintResult file : report.files()) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("file");
                xml.writeAttribute("name", JUnitXmlWriter.clean(file.file()));
                for (Finding f : file.findings()) {
                    xml.writeCharacters("\n    ");
                    xml.writeEmptyElement("error");
                    xml.writeAttribute("line", Integer.toString(f.line()));
                    xml.writeAttribute("column", Integer.toString(f.column()));
                    xml.writeAttribute("severity", f.severity().label());
                    xml.writeAttribute("message", JUnitXmlWriter.clean(f.message()));
                    xml.writeAttribute("source", "whittle." + f.ruleId());
                }
                xml.writeCharacters("\n  ");
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write Checkstyle XML", e);
        }
        return text + "\n";
    }
}
