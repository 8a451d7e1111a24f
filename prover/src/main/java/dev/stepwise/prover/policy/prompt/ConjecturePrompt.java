package dev.stepwise.prover.policy.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prompt that asks a model for a conjecture (STP), kept as a template with the placeholders
 * {@code {lemma}} and {@code {easy_theorem}}. The built-in one (resource {@code conjecture-stp.txt})
 * is the released conjecturer prompt byte for byte: kfdong/STP {@code 2b5fe8b}, {@code
 * RL/utils/model_utils.py}, {@code get_prompt} with {@code invoke_type == 'conjecture'}: the code
 * fence, {@code <lemma>} and the shared lemma stripped, {@code <easy theorem>} and the seed's
 * statement and proof stripped, then {@code <hard theorem>}, a newline and {@code " theorem"}.
 * Stepwise pairs no shared lemma with a seed, so {@code {lemma}} is empty (the release's "none"
 * half of its pairing). The reply is read as {@code collect_conjecture} reads it: cut at
 * {@code </hard theorem>}, everything from {@code :=} on dropped, {@code := by} appended.
 */
public final class ConjecturePrompt {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(lemma|easy_theorem)\\}");
    static final String END = "</hard theorem>";
    /** What the built-in prompt ends with: the reply continues the declaration after its keyword. */
    static final String KEYWORD = "theorem";

    private final String text;

    private ConjecturePrompt(String text) {
        this.text = Objects.requireNonNull(text, "text");
        if (!text.contains("{easy_theorem}")) {
            throw new IllegalArgumentException("the conjecture prompt needs {easy_theorem}");
        }
    }

    public static ConjecturePrompt builtIn() {
        try (InputStream in = ConjecturePrompt.class.getResourceAsStream("conjecture-stp.txt")) {
            if (in == null) {
                throw new IllegalStateException("conjecture-stp.txt is missing from the build");
            }
            return new ConjecturePrompt(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A user's prompt (iterate.conjecture-prompt), with {easy_theorem} and optionally {lemma}; it must end in {@code theorem}. */
    public static ConjecturePrompt of(String text) {
        if (!text.stripTrailing().endsWith(KEYWORD)) {
            throw new IllegalArgumentException("the conjecture prompt must end with 'theorem' (the reply continues the declaration)");
        }
        return new ConjecturePrompt(text);
    }

    public List<String> stops() {
        return List.of(END);
    }

    /** The prompt for a seed (its statement and proof), both parts stripped as the release strips them. */
    public String render(String lemma, String easyTheorem) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1).equals("lemma") ? lemma.strip() : easyTheorem.strip()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The statement in a reply, ending in {@code := by}; empty when the reply holds none. */
    public Optional<String> statementFrom(String completion) {
        String t = completion;
        int end = t.indexOf(END);
        if (end >= 0) {
            t = t.substring(0, end);
        }
        int assign = t.indexOf(":=");
        if (assign >= 0) {
            t = t.substring(0, assign);
        }
        t = t.strip();
        return t.isEmpty() ? Optional.empty() : Optional.of(KEYWORD + " " + t + " := by");
    }

    /** The completion a conjecturer is trained on for a statement: what follows the prompt, up to the end marker. */
    public String completion(String statement) {
        String s = statement.strip();
        if (s.startsWith(KEYWORD)) {
            s = s.substring(KEYWORD.length());
        }
        return " " + s.strip() + "\n" + END;
    }
}
