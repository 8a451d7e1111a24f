package dev.stepwise.prover.sim.repl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** Lean source positions: 1-based lines, 0-based columns counted in code points. */
final class Positions {
    private Positions() {
    }

    static JsonNode of(int line, int column) {
        return JsonNodeFactory.instance.objectNode().put("line", line).put("column", column);
    }

    /** The position of character offset {@code offset} in {@code text}. */
    static JsonNode at(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int end = Math.min(offset, text.length());
        return of(line, text.codePointCount(lineStart, Math.max(lineStart, end)));
    }
}
