package dev.stepwise.prover.policy.prompt;

import java.util.List;

/**
 * Goedel-Prover-V2's self-correction turn (src/utils.py @2e9036e: {@code get_error_str} with
 * {@code error_thres} on, as scripts/pipeline.sh runs it, and the feedback message of
 * {@code generate_correction_prompt}, the same for its DeepSeek and Kimina handlers): the checked
 * code around each error with the error's span marked {@code <error>...</error>}, at most eight
 * errors, then a request to analyse them. The chat goes on from the previous conversation with
 * the failed reply as the assistant's turn.
 */
public final class RepairFeedback {
    /** Errors shown; the rest are counted ({@code error_num_thres = 8}). */
    static final int SHOWN = 8;
    /** Lines of a multi-line span shown before it is cut ({@code show_line = 6}). */
    static final int SPAN_LINES = 6;

    private RepairFeedback() {
    }

    /** The user message of revision round {@code round} (1 for the first revision). */
    public static String message(int round, String code, List<LeanError> errors) {
        return "The proof (Round " + (round - 1) + ") is not correct. Following is the compilation error message, where we "
                + "use <error></error> to signal the position of the error.\n\n" + errorBlock(code, errors)
                + "\n\nBefore producing the Lean 4 code to formally prove the given theorem, provide a detailed analysis of "
                + "the error message.";
    }

    /**
     * The conversation of the next revision: {@code previous} (the prompt of the failed reply),
     * the failed reply as the assistant's turn, and the feedback.
     */
    public static WholeProofPrompt.Chat next(WholeProofPrompt.Chat previous, String failedReply, int round, String code,
            List<LeanError> errors) {
        return previous.then(ChatMessage.assistant(failedReply), ChatMessage.user(message(round, code, errors)));
    }

    /** {@code get_error_str(code, errors, True)}. Columns count code points, as Lean's and Python's do. */
    static String errorBlock(String code, List<LeanError> errors) {
        List<String> lines = List.of(code.split("\n", -1));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(SHOWN, errors.size()); i++) {
            LeanError e = errors.get(i);
            int startLine = Math.min(e.line() - 1, lines.size() - 1);
            int startCol = e.column();
            int endLine;
            int endCol;
            if (!e.hasEnd()) {
                endLine = startLine;
                endCol = codePoints(lines.get(startLine));
            } else {
                endLine = Math.min(e.endLine() - 1, lines.size() - 1);
                endCol = e.endColumn();
            }
            out.append("\nError ").append(i + 1).append(":\n");
            out.append("\nCorresponding Code:\n```lean4\n");
            StringBuilder c = new StringBuilder();
            for (int back = -4; back < 0; back++) {
                if (startLine + back >= 0) {
                    c.append(lines.get(startLine + back)).append('\n');
                }
            }
            String first = lines.get(startLine);
            if (startLine != endLine) {
                c.append(before(first, startCol)).append("<error>").append(after(first, startCol)).append('\n');
                int j = startLine;
                for (j = startLine + 1; j < Math.min(endLine, startLine + SPAN_LINES); j++) {
                    c.append(lines.get(j)).append('\n');
                }
                if (endLine > startLine + SPAN_LINES) {
                    // The indentation of the last line shown (Python's loop variable after the loop).
                    String last = lines.get(j - 1);
                    int spaces = last.length() - stripLeadingSpaces(last).length();
                    c.append('\n').append(" ".repeat(spaces)).append("... --[Truncated]-- ...\n");
                }
                String end = lines.get(endLine);
                c.append(before(end, endCol)).append("</error>").append(after(end, endCol)).append('\n');
            } else {
                c.append(before(first, startCol)).append("<error>").append(between(first, startCol, endCol))
                        .append("</error>").append(after(first, endCol)).append('\n');
            }
            if (endLine + 1 < lines.size()) {
                c.append(lines.get(endLine + 1)).append('\n');
            }
            out.append(c);
            out.append("\n```\n");
            out.append("\nError Message: ").append(e.data()).append('\n');
        }
        if (errors.size() > SHOWN) {
            out.append("\n... [Omitted ").append(errors.size() - SHOWN).append(" more errors] ...\n");
        }
        return out.toString();
    }

    private static int codePoints(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Python's {@code s[:n]} in code points, clamped. */
    private static String before(String s, int n) {
        return s.substring(0, offset(s, n));
    }

    /** Python's {@code s[n:]}. */
    private static String after(String s, int n) {
        return s.substring(offset(s, n));
    }

    /** Python's {@code s[a:b]}. */
    private static String between(String s, int a, int b) {
        int from = offset(s, a);
        int to = offset(s, b);
        return to <= from ? "" : s.substring(from, to);
    }

    private static int offset(String s, int codePoints) {
        int n = Math.min(Math.max(0, codePoints), codePoints(s));
        return s.offsetByCodePoints(0, n);
    }

    private static String stripLeadingSpaces(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return s.substring(i);
    }
}
