package dev.stepwise.prover.policy.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prompt that asks a general model for a retrospective thought (Lean-STaR): given a proof
 * state and the tactic a verified proof applied to it, the informal thought that leads there. Kept
 * as a template with the placeholders {@code {state}} and {@code {tactic}}; the built-in one is
 * Stepwise's own (resource {@code retrospective-thought.txt}; the paper's GPT-4 prompt, its
 * appendix F, was not read here), written for a completions endpoint: it ends with
 * {@code Thought:} and a newline, and the reply ends at the model's end of text or at a line
 * starting {@code ---}.
 */
public final class RetrospectivePrompt {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(state|tactic)\\}");
    /** Where a model that keeps going after its thought starts the next section. */
    private static final List<String> STOPS = List.of("\n---");

    private final String text;

    private RetrospectivePrompt(String text) {
        this.text = Objects.requireNonNull(text, "text");
        if (!text.contains("{state}") || !text.contains("{tactic}")) {
            throw new IllegalArgumentException("the retrospective-thought prompt needs both {state} and {tactic}");
        }
    }

    /** The built-in prompt. */
    public static RetrospectivePrompt builtIn() {
        try (InputStream in = RetrospectivePrompt.class.getResourceAsStream("retrospective-thought.txt")) {
            if (in == null) {
                throw new IllegalStateException("retrospective-thought.txt is missing from the build");
            }
            return new RetrospectivePrompt(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A user's prompt (iterate.thoughts-prompt), with {state} and {tactic}. */
    public static RetrospectivePrompt of(String text) {
        return new RetrospectivePrompt(text);
    }

    /** The stop strings sent with the prompt. */
    public List<String> stops() {
        return STOPS;
    }

    /** The prompt for one step; the values are inserted verbatim (a brace in a state is not a placeholder). */
    public String render(String state, String tactic) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1).equals("state") ? state : tactic));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The thought in a reply: cut at the first stop string (a server may keep it), stripped; "" for none. */
    public String thoughtFrom(String completion) {
        String t = completion;
        for (String stop : STOPS) {
            int at = t.indexOf(stop);
            if (at >= 0) {
                t = t.substring(0, at);
            }
        }
        return t.strip();
    }
}
