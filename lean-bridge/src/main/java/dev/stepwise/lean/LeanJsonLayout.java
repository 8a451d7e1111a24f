package dev.stepwise.lean;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Lays JSON out the way Lean's {@code Json.pretty} does (width 80): a Wadler-style document of
 * groups, nests and soft line breaks, rendered by the same decision rule as Lean's
 * {@code Format.pretty}. The rule differs from textbook Wadler in one way that shows in the
 * REPL's output: when a group decides whether it fits, the groups that follow it are measured
 * flattened up to the next line break of an enclosing group.
 *
 * <p>Object keys come out in Lean's order: its JSON objects are red-black maps folded into a
 * list by consing, which reverses the ascending key order. Every recorded response has that order.
 */
final class LeanJsonLayout {
    static final int WIDTH = 80;

    private LeanJsonLayout() {
    }

    static String pretty(JsonNode json) {
        StringBuilder out = new StringBuilder();
        new Renderer(WIDTH, out).run(document(json));
        return out.toString();
    }

    // ------------------------------------------------------------------ the document

    private sealed interface Doc {
    }

    private record Text(String text, int width) implements Doc {
        Text(String text) {
            this(text, text.codePointCount(0, text.length()));
        }
    }

    private record Line() implements Doc {
    }

    private record Nest(int indent, Doc doc) implements Doc {
    }

    private record Group(Doc doc) implements Doc {
    }

    private record Concat(List<Doc> docs) implements Doc {
    }

    private static final Line LINE = new Line();
    private static final Text COMMA = new Text(",");

    private static Doc document(JsonNode json) {
        return switch (json.getNodeType()) {
            case OBJECT -> {
                List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(json.properties());
                entries.sort((a, b) -> compareCodePoints(b.getKey(), a.getKey()));
                List<Doc> items = new ArrayList<>();
                for (Map.Entry<String, JsonNode> e : entries) {
                    items.add(new Group(new Concat(List.of(
                            new Text(string(e.getKey())), new Text(":"), LINE, document(e.getValue())))));
                }
                yield bracket("{", items, "}");
            }
            case ARRAY -> {
                List<Doc> items = new ArrayList<>();
                json.forEach(e -> items.add(document(e)));
                yield bracket("[", items, "]");
            }
            case STRING -> new Text(string(json.textValue()));
            case NUMBER -> new Text(number(json));
            case BOOLEAN -> new Text(json.booleanValue() ? "true" : "false");
            case NULL -> new Text("null");
            case BINARY, MISSING, POJO -> throw new IllegalArgumentException("not JSON data: " + json.getNodeType());
        };
    }

    /** Lean's {@code Format.bracket}: a group, nested by the opening bracket's width. */
    private static Doc bracket(String open, List<Doc> items, String close) {
        List<Doc> docs = new ArrayList<>();
        docs.add(new Text(open));
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                docs.add(COMMA);
                docs.add(LINE);
            }
            docs.add(items.get(i));
        }
        docs.add(new Text(close));
        return new Group(new Nest(open.length(), new Concat(docs)));
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /** Lean's {@code Json.escape}: only quote, backslash, LF, CR and other control characters. */
    static String string(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String number(JsonNode n) {
        if (n.isIntegralNumber()) {
            return n.bigIntegerValue().toString();
        }
        // The REPL sends only integers; a decimal is written in plain notation.
        BigDecimal d = n.decimalValue().stripTrailingZeros();
        return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
    }

    // ------------------------------------------------------------------ Lean's renderer

    private record Item(Doc doc, int indent) {
    }

    private static final class WorkGroup {
        final boolean flatten;
        final Deque<Item> items;

        WorkGroup(boolean flatten, Deque<Item> items) {
            this.flatten = flatten;
            this.items = items;
        }
    }

    private record Space(boolean foundLine, int space) {
        static final Space NONE = new Space(false, 0);
    }

    private static final class Renderer {
        private final int width;
        private final StringBuilder out;
        private int column;

        Renderer(int width, StringBuilder out) {
            this.width = width;
            this.out = out;
        }

        void run(Doc doc) {
            Deque<WorkGroup> stack = new ArrayDeque<>();
            Deque<Item> items = new ArrayDeque<>();
            items.add(new Item(doc, 0));
            stack.push(new WorkGroup(false, items));
            while (!stack.isEmpty()) {
                WorkGroup g = stack.peek();
                if (g.items.isEmpty()) {
                    stack.pop();
                    continue;
                }
                Item i = g.items.pollFirst();
                switch (i.doc()) {
                    case Text t -> {
                        out.append(t.text());
                        column += t.width();
                    }
                    case Concat c -> {
                        for (int k = c.docs().size() - 1; k >= 0; k--) {
                            g.items.addFirst(new Item(c.docs().get(k), i.indent()));
                        }
                    }
                    case Nest n -> g.items.addFirst(new Item(n.doc(), i.indent() + n.indent()));
                    case Line l -> {
                        if (g.flatten) {
                            out.append(' ');
                            column += 1;
                        } else {
                            out.append('\n').append(" ".repeat(i.indent()));
                            column = i.indent();
                        }
                    }
                    case Group gr -> {
                        if (g.flatten) {
                            g.items.addFirst(new Item(gr.doc(), i.indent()));
                        } else {
                            Deque<Item> groupItems = new ArrayDeque<>();
                            groupItems.add(new Item(gr.doc(), i.indent()));
                            stack.push(pushGroup(groupItems, stack));
                        }
                    }
                }
            }
        }

        /** Flatten the new group if it and the rest, up to the next line break, fit the line. */
        private WorkGroup pushGroup(Deque<Item> items, Deque<WorkGroup> rest) {
            int room = Math.max(0, width - column);
            Space own = measureItems(items, true, room);
            Space all = merge(room, own, r -> measureGroups(rest, r));
            return new WorkGroup(all.space() <= room, items);
        }

        private interface Continuation {
            Space measure(int room);
        }

        private static Space merge(int room, Space first, Continuation next) {
            if (first.space() > room || first.foundLine()) {
                return first;
            }
            Space second = next.measure(room - first.space());
            return new Space(second.foundLine(), first.space() + second.space());
        }

        private static Space measureGroups(Deque<WorkGroup> groups, int room) {
            Space acc = Space.NONE;
            for (WorkGroup g : groups) {
                for (Item i : g.items) {
                    Space current = acc;
                    acc = merge(room, current, r -> measure(i.doc(), g.flatten, r));
                    if (acc.foundLine() || acc.space() > room) {
                        return acc;
                    }
                }
            }
            return acc;
        }

        private static Space measureItems(Deque<Item> items, boolean flatten, int room) {
            Space acc = Space.NONE;
            for (Item i : items) {
                Space current = acc;
                acc = merge(room, current, r -> measure(i.doc(), flatten, r));
                if (acc.foundLine() || acc.space() > room) {
                    return acc;
                }
            }
            return acc;
        }

        /** Lean's {@code spaceUptoLine}: a group is measured flattened, whatever mode it is in. */
        private static Space measure(Doc doc, boolean flatten, int room) {
            return switch (doc) {
                case Text t -> new Space(false, t.width());
                case Line l -> flatten ? new Space(false, 1) : new Space(true, 0);
                case Nest n -> measure(n.doc(), flatten, room);
                case Group g -> measure(g.doc(), true, room);
                case Concat c -> {
                    Space acc = Space.NONE;
                    Iterator<Doc> it = c.docs().iterator();
                    while (it.hasNext() && !(acc.foundLine() || acc.space() > room)) {
                        Doc d = it.next();
                        Space current = acc;
                        acc = merge(room, current, r -> measure(d, flatten, r));
                    }
                    yield acc;
                }
            };
        }
    }
}
