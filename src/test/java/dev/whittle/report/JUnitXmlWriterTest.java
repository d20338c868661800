package dev.whittle.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitXmlWriterTest {

    static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void writesSuitesCasesAndFailuresWithCounts() throws Exception {
        var failed = new JUnitXmlWriter.TestCase("WH001", "lint.Dockerfile",
                new JUnitXmlWriter.Failure("WH001", "1 finding <&>", "Dockerfile:3:5 \"quoted\" & more"));
        var passed = new JUnitXmlWriter.TestCase("WH002", null, null);
        String xml = JUnitXmlWriter.write("whittle lint", List.of(
                new JUnitXmlWriter.Suite("Dockerfile", List.of(failed, passed)),
                new JUnitXmlWriter.Suite("other/Dockerfile", List.of(passed))));

        Document doc = parse(xml);
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("tests")).isEqualTo("3");
        assertThat(root.getAttribute("failures")).isEqualTo("1");
        NodeList suites = root.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(2);
        Element first = (Element) suites.item(0);
        assertThat(first.getAttribute("name")).isEqualTo("Dockerfile");
        assertThat(first.getAttribute("tests")).isEqualTo("2");
        assertThat(first.getAttribute("failures")).isEqualTo("1");
        Element failure = (Element) first.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("1 finding <&>");
        assertThat(failure.getAttribute("type")).isEqualTo("WH001");
        assertThat(failure.getTextContent()).isEqualTo("Dockerfile:3:5 \"quoted\" & more");
        Element secondCase = (Element) first.getElementsByTagName("testcase").item(1);
        assertThat(secondCase.getAttribute("classname")).isEqualTo("Dockerfile");
        assertThat(secondCase.getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    void dropsCharactersXmlCannotCarry() throws Exception {
        var bad = new JUnitXmlWriter.TestCase("a\u0001b", null, new JUnitXmlWriter.Failure(null, "x\u0000y", "z"));
        Document doc = parse(JUnitXmlWriter.write("t", List.of(new JUnitXmlWriter.Suite("s", List.of(bad)))));
        Element testcase = (Element) doc.getElementsByTagName("testcase").item(0);
        assertThat(testcase.getAttribute("name")).isEqualTo("ab");
        assertThat(((Element) testcase.getElementsByTagName("failure").item(0)).getAttribute("message"))
                .isEqualTo("xy");
    }
}
