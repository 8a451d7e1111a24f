package dev.stepwise.prover.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.search.RecordedTree;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TreeGraphTest {

    @Test
    void drawsEveryStateOfASmallTreeWithTheProofPathAndTheMergeDashed() {
        String svg = TreeGraph.svg(ProofPathHighlightTest.twoProofs());
        assertTrue(svg.contains("data-drawn=\"4\" data-nodes=\"4\""), svg);
        // The shorter proof d, e is the one highlighted: its edge, its ∎ edge, the root and the state after d.
        assertEquals(2, count(svg, "<line class=\"edge [a-z]+ proofpath\""));
        assertTrue(svg.contains("<line class=\"edge ok proofpath\""), svg);
        assertTrue(svg.contains("<line class=\"edge done proofpath\""), svg);
        assertEquals(2, count(svg, "<circle class=\"gnode [a-z]+ proofpath\""));
        assertTrue(svg.contains(">d<title>d</title></text>") && svg.contains(">e<title>e</title></text>"), "proof tactics unlabelled");
        // f reaches the state after d a second way: drawn once, the second edge dashed.
        assertEquals(1, count(svg, "<line class=\"edge merge\""));
        assertTrue(svg.contains("✗1"), "the failed tactic x is not counted");
        assertTrue(svg.contains("<a href=\"#n3\">"), "a state does not link to its list entry");
    }

    @Test
    void aHugeTreeIsCappedWithTheLeftOutStatesCountedAndThePageStaysSmall() {
        RecordedTree big = DemoFixtures.bushy(5000, 9, 3);
        assertEquals(5000, big.nodes().size());
        String svg = TreeGraph.svg(big);
        assertTrue(svg.contains("data-drawn=\"" + TreeGraph.MAX_NODES + "\" data-nodes=\"5000\""), svg.substring(0, 300));
        assertEquals(TreeGraph.MAX_NODES, count(svg, "<circle class=\"gnode"));
        // The proof nine tactics deep is drawn whole although it lies beyond the breadth-first cap.
        assertEquals(9, count(svg, "<line class=\"edge [a-z]+ proofpath\""));
        Matcher more = Pattern.compile("<text class=\"more\"[^>]*>\\+(\\d+)<").matcher(svg);
        int left = 0;
        while (more.find()) {
            left += Integer.parseInt(more.group(1));
        }
        // Every state not drawn is counted under a drawn parent or under a left-out one.
        assertTrue(left > 0 && left <= 5000 - TreeGraph.MAX_NODES, "left out " + left);
        assertTrue(svg.length() < 120_000, "the graph takes " + svg.length() + " characters");
    }

    private static int count(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
