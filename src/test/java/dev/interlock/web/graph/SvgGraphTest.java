package dev.interlock.web.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.interlock.web.graph.SvgGraph.Edge;
import dev.interlock.web.graph.SvgGraph.Node;

class SvgGraphTest {

    private static final String SVG_NS = "http://www.w3.org/2000/svg";
    private static final Pattern TRANSLATE = Pattern.compile("translate\\(([-0-9.]+),([-0-9.]+)\\)");

    @Test
    void escapesLabelsTitlesAndEdgeLabels() {
        String hostile = "<script>alert(\"x\")</script>' & co";
        String svg = SvgGraph.render(
                "<script>t</script>",
                List.of(node("a", hostile), node("b\"><script>", "b")),
                List.of(new Edge("a", "b\"><script>", "\"><script>alert(1)</script>")));

        assertFalse(svg.toLowerCase().contains("<script"), svg);
        assertTrue(svg.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&apos; &amp; co"), svg);
        Document doc = parse(svg);
        assertEquals(0, doc.getElementsByTagNameNS(SVG_NS, "script").getLength());
        assertEquals("<script>t</script>", first(doc, "title").getTextContent());
        assertNotNull(nodes(doc).get("b\"><script>"));
    }

    @Test
    void replacesCharactersXmlDoesNotAllow() {
        String svg = SvgGraph.render("t", List.of(node("a", "bell\u0007 and \uD800 lone")), List.of());
        parse(svg);
        assertTrue(svg.contains("bell\uFFFD and \uFFFD lone"), svg);
    }

    @Test
    void keepsOnlyInternalHrefs() {
        List<Node> nodes = List.of(
                linked("ok", "/catalog/component/default/ok"),
                linked("https", "https://evil.example/"),
                linked("js", "javascript:alert(1)"),
                linked("proto", "//evil.example/x"),
                linked("backslash", "/\\evil.example"),
                linked("tab", "/\t/evil.example"),
                linked("relative", "catalog/x"));
        Document doc = parse(SvgGraph.render("links", nodes, List.of()));

        NodeList anchors = doc.getElementsByTagNameNS(SVG_NS, "a");
        assertEquals(1, anchors.getLength());
        Element anchor = (Element) anchors.item(0);
        assertEquals("/catalog/component/default/ok", anchor.getAttribute("href"));
        assertEquals("ok", ((Element) anchor.getElementsByTagNameNS(SVG_NS, "g").item(0)).getAttribute("data-id"));
        assertEquals(7, nodes(doc).size());
    }

    @Test
    void cyclesTerminateAndEveryNodeAppearsOnce() {
        List<Edge> edges = List.of(edge("a", "b"), edge("b", "c"), edge("c", "a"), edge("c", "b"), edge("d", "d"));
        String svg = assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> SvgGraph.render("cycle", List.of(node("a"), node("b"), node("c"), node("d")), edges));

        Document doc = parse(svg);
        Map<String, Element> byId = nodes(doc);
        assertEquals(
                List.of("a", "b", "c", "d"), byId.keySet().stream().sorted().toList());
        assertEquals(4, doc.getElementsByTagNameNS(SVG_NS, "rect").getLength());
        assertTrue(x(byId.get("a")) < x(byId.get("b")) && x(byId.get("b")) < x(byId.get("c")));
    }

    @Test
    void layersFollowLongestPathLeftToRight() {
        Map<String, Element> byId = nodes(parse(SvgGraph.render(
                "chain",
                List.of(node("c"), node("a"), node("b")),
                List.of(edge("b", "c"), edge("a", "b"), edge("a", "c")))));

        assertTrue(x(byId.get("a")) < x(byId.get("b")), "a left of b");
        assertTrue(x(byId.get("b")) < x(byId.get("c")), "b left of c, despite the direct a->c edge");
    }

    @Test
    void sameGraphGivesIdenticalOutputRegardlessOfInputOrder() {
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            nodes.add(node("n" + i));
            edges.add(edge("n" + i, "n" + ((i * 5 + 3) % 12)));
        }
        String once = SvgGraph.render("g", nodes, edges);
        assertEquals(once, SvgGraph.render("g", nodes, edges));

        Collections.shuffle(nodes, new Random(7));
        Collections.shuffle(edges, new Random(7));
        assertEquals(once, SvgGraph.render("g", nodes, edges));
    }

    @Test
    void capsAtFortyNodesKeepingTheCenterAndNotesTheRest() {
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < 44; i++) {
            String id = String.format("leaf-%02d", i);
            nodes.add(node(id));
            edges.add(edge("hub", id));
        }
        nodes.add(new Node("hub", "Hub", "component", true, null, true));
        String svg = SvgGraph.render("big", nodes, edges);

        Document doc = parse(svg);
        Map<String, Element> byId = nodes(doc);
        assertEquals(40, byId.size());
        assertTrue(byId.containsKey("hub"));
        assertTrue(byId.get("hub").getAttribute("class").contains("center"));
        assertTrue(svg.contains("+5 more not shown"), svg);
        assertEquals("45 entities, 44 relations", first(doc, "desc").getTextContent());
    }

    @Test
    void marksUnresolvedNodes() {
        Document doc = parse(SvgGraph.render(
                "u",
                List.of(node("a"), new Node("ghost", "ghost", "resource", false, null, false)),
                List.of(edge("a", "ghost"))));

        Element ghost = nodes(doc).get("ghost");
        assertTrue(ghost.getAttribute("class").contains("unresolved"));
        Element rect = (Element) ghost.getElementsByTagNameNS(SVG_NS, "rect").item(0);
        assertFalse(rect.getAttribute("stroke-dasharray").isEmpty());
        assertTrue(ghost.getTextContent().contains("(not in catalog)"));
        assertFalse(nodes(doc).get("a").getAttribute("class").contains("unresolved"));
    }

    @Test
    void flowPutsInputsLeftOfPipelineLeftOfOutputs() {
        String svg = SvgGraph.flow(
                "flow",
                List.of(node("in-1"), node("in-2")),
                new Node("etl", "Nightly ETL", "component", true, "/catalog/component/default/etl", false),
                List.of(node("out-1")));

        Document doc = parse(svg);
        Map<String, Element> byId = nodes(doc);
        double pipeline = x(byId.get("etl"));
        assertTrue(x(byId.get("in-1")) < pipeline && x(byId.get("in-2")) < pipeline);
        assertTrue(pipeline < x(byId.get("out-1")));
        assertTrue(byId.get("etl").getAttribute("class").contains("center"));
        assertTrue(svg.contains(">read by</text>") && svg.contains(">writes</text>"), svg);
    }

    @Test
    void truncatesLongLabelsButKeepsTheFullOneForHover() {
        String label = "a-remarkably-long-component-name-that-keeps-going";
        Element g = nodes(parse(SvgGraph.render("t", List.of(node("x", label)), List.of())))
                .get("x");

        assertEquals(label, first(g, "title").getTextContent());
        String shown = first(g, "text").getTextContent();
        assertTrue(shown.endsWith("\u2026"), shown);
        assertEquals(SvgGraph.MAX_LABEL_CHARS, shown.codePointCount(0, shown.length()));
    }

    @Test
    void isAccessibleAndSizedToContent() {
        String svg = SvgGraph.render(
                "Neighbourhood of a",
                List.of(node("a"), node("b"), node("c")),
                List.of(edge("a", "b"), edge("b", "c")));

        Element root = parse(svg).getDocumentElement();
        assertEquals("group", root.getAttribute("role"), "its links are reachable, not inside an image");
        // Its own width: the stylesheet scales it down on wide screens and lets it scroll on narrow ones.
        assertEquals(root.getAttribute("viewBox").split(" ")[2], root.getAttribute("width"));
        assertTrue(root.getAttribute("viewBox").startsWith("0 0 "));
        String[] labelledBy = root.getAttribute("aria-labelledby").split(" ");
        assertEquals("Neighbourhood of a", byId(root, "title", labelledBy[0]).getTextContent());
        assertEquals(
                "3 entities, 2 relations", byId(root, "desc", labelledBy[1]).getTextContent());
    }

    @Test
    void emptyGraphSaysNoRelations() {
        String svg = SvgGraph.render("nothing", List.of(), List.of(edge("a", "b")));

        Document doc = parse(svg);
        assertTrue(svg.contains("No relations"));
        assertEquals("img", doc.getDocumentElement().getAttribute("role"));
        assertTrue(nodes(doc).isEmpty());
    }

    private static Node node(String id) {
        return node(id, id);
    }

    private static Node node(String id, String label) {
        return new Node(id, label, "component", true, null, false);
    }

    private static Node linked(String id, String href) {
        return new Node(id, id, "component", true, href, false);
    }

    private static Edge edge(String from, String to) {
        return new Edge(from, to, "dependsOn");
    }

    private static Document parse(String svg) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + svg, e);
        }
    }

    /** Node groups by their data-id; fails if an id is drawn twice. */
    private static Map<String, Element> nodes(Document doc) {
        Map<String, Element> byId = new HashMap<>();
        NodeList groups = doc.getElementsByTagNameNS(SVG_NS, "g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.hasAttribute("data-id")) {
                assertEquals(null, byId.put(g.getAttribute("data-id"), g), "drawn twice: " + g.getAttribute("data-id"));
            }
        }
        return byId;
    }

    private static double x(Element group) {
        Matcher m = TRANSLATE.matcher(group.getAttribute("transform"));
        assertTrue(m.matches(), group.getAttribute("transform"));
        return Double.parseDouble(m.group(1));
    }

    private static Element first(Document doc, String tag) {
        return first(doc.getDocumentElement(), tag);
    }

    private static Element first(Element parent, String tag) {
        return (Element) parent.getElementsByTagNameNS(SVG_NS, tag).item(0);
    }

    private static Element byId(Element root, String tag, String id) {
        NodeList list = root.getElementsByTagNameNS(SVG_NS, tag);
        for (int i = 0; i < list.getLength(); i++) {
            Element e = (Element) list.item(i);
            if (id.equals(e.getAttribute("id"))) {
                return e;
            }
        }
        throw new AssertionError("no <" + tag + " id=\"" + id + "\">");
    }
}
