package dev.stepwise.prover.readme;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The newcomer's path through README.md as the README marks it, in order. An HTML comment (which
 * a rendered README does not show) says what the next part is:
 * <ul>
 *   <li>{@code <!-- walk -->}: the next fenced block is shell commands to run;</li>
 *   <li>{@code <!-- walk: skip REASON -->}: the next fenced block is on the path but not run here,
 *       for REASON (real Lean, a GPU, the build that runs the walk);</li>
 *   <li>{@code <!-- walk: output -->}: the next fenced block is output the last run block must
 *       print, line by line ({@code …} stands for any text);</li>
 *   <li>{@code <!-- walk: prints TEXT -->}: the last run block printed TEXT, which the next
 *       paragraph shows in a code span;</li>
 *   <li>{@code <!-- walk: prints-file PATH -->}: the last run block printed exactly the file PATH.</li>
 * </ul>
 */
record ReadmeWalk(List<Step> steps) {
    private static final Pattern MARK = Pattern.compile("^<!-- walk(?::\\s*(.*?))?\\s*-->$");
    private static final Pattern FENCE = Pattern.compile("^```.*$");

    ReadmeWalk {
        steps = List.copyOf(steps);
    }

    /** One marked part of the README, with the README line it starts on. */
    sealed interface Step {
        int line();
    }

    record Run(int line, String script) implements Step {
    }

    record Skip(int line, String script, String reason) implements Step {
    }

    record Output(int line, List<String> lines) implements Step {
    }

    record Prints(int line, String text) implements Step {
    }

    record PrintsFile(int line, String path) implements Step {
    }

    static ReadmeWalk parse(List<String> readme) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < readme.size(); i++) {
            Matcher m = MARK.matcher(readme.get(i).strip());
            if (!m.matches()) {
                continue;
            }
            String what = Objects.requireNonNullElse(m.group(1), "").strip();
            int line = i + 1;
            if (what.isEmpty()) {
                steps.add(new Run(line, String.join("\n", block(readme, i, line)) + "\n"));
            } else if (what.startsWith("skip")) {
                String reason = what.substring("skip".length()).strip();
                if (reason.isEmpty()) {
                    throw new IllegalArgumentException("README.md:" + line + ": a skipped block must say why");
                }
                steps.add(new Skip(line, String.join("\n", block(readme, i, line)), reason));
            } else if (what.equals("output")) {
                steps.add(new Output(line, block(readme, i, line)));
            } else if (what.startsWith("prints-file ")) {
                steps.add(new PrintsFile(line, what.substring("prints-file ".length()).strip()));
            } else if (what.startsWith("prints ")) {
                String text = what.substring("prints ".length()).strip();
                String paragraph = String.join(" ", paragraph(readme, i));
                if (!paragraph.contains("`" + text + "`")) {
                    throw new IllegalArgumentException("README.md:" + line + ": the paragraph after the mark does not show `"
                            + text + "`; say in the README what the walk checks");
                }
                steps.add(new Prints(line, text));
            } else {
                throw new IllegalArgumentException("README.md:" + line + ": unknown walk mark '" + what + "'");
            }
        }
        return new ReadmeWalk(steps);
    }

    /** The lines of the fenced block that follows line {@code mark} (blank lines between allowed). */
    private static List<String> block(List<String> readme, int mark, int line) {
        int i = mark + 1;
        while (i < readme.size() && readme.get(i).isBlank()) {
            i++;
        }
        if (i >= readme.size() || !FENCE.matcher(readme.get(i)).matches()) {
            throw new IllegalArgumentException("README.md:" + line + ": a walk mark must be followed by a fenced block");
        }
        List<String> out = new ArrayList<>();
        for (i++; i < readme.size() && !readme.get(i).startsWith("```"); i++) {
            out.add(readme.get(i));
        }
        if (i >= readme.size()) {
            throw new IllegalArgumentException("README.md:" + line + ": the fenced block after the mark is not closed");
        }
        return out;
    }

    /** The lines of the paragraph after the marks that start at {@code mark} (further marks skipped). */
    private static List<String> paragraph(List<String> readme, int mark) {
        int i = mark + 1;
        while (i < readme.size() && MARK.matcher(readme.get(i).strip()).matches()) {
            i++;
        }
        List<String> out = new ArrayList<>();
        for (; i < readme.size() && !readme.get(i).isBlank(); i++) {
            out.add(readme.get(i));
        }
        return out;
    }

    /**
     * Whether {@code expected} is printed on one of {@code output}'s lines; {@code …} in it stands
     * for any text, and trailing spaces do not count.
     */
    static boolean printed(String expected, List<String> output) {
        String[] parts = expected.strip().split("…", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        Pattern p = Pattern.compile(regex.toString());
        return output.stream().anyMatch(l -> p.matcher(l.stripTrailing()).find());
    }
}
