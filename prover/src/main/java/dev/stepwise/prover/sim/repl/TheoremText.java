package dev.stepwise.prover.sim.repl;

import dev.stepwise.lean.LeanText;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldTheorem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command that declares one of the world's theorems: where its name and its {@code := by} are,
 * the name it declares and the type that gets (the statement after the name), and what follows (a {@code sorry} to start a proof, or a proof for the acceptance gate,
 * possibly followed by {@code #print axioms NAME}).
 */
record TheoremText(WorldTheorem theorem, String cmd, int nameStart, int nameEnd, int byEnd, String proof,
        int proofStart, String axiomsOf, int axiomsStart, String declared, String type) {

    /** The declaration keyword and the name after it (comments masked, attributes before it allowed). */
    private static final Pattern DECL = Pattern.compile("(?<![\\w.'])(?:theorem|lemma)\\s+(«[^»]*»|[^\\s(\\[{⦃:]+)");
    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final Pattern PRINT_AXIOMS = Pattern.compile("(?m)^#print\\s+axioms\\s+(\\S+)\\s*$");

    /**
     * The world theorem this command declares: the one whose statement, after its name, the
     * command's is word for word (comments count as whitespace, as they do for Lean). The name
     * may be another one (a theorem is its statement; the acceptance gate declares the reference
     * statement again under a name of its own); the theorem of the same name is tried first.
     */
    static Optional<TheoremText> find(World world, String cmd) {
        String masked = LeanText.maskComments(cmd);
        Matcher m = DECL.matcher(masked);
        if (!m.find()) {
            return Optional.empty();
        }
        String name = m.group(1);
        List<WorldTheorem> candidates = new ArrayList<>();
        world.theorem(name).ifPresent(candidates::add);
        world.theorems().stream().filter(t -> !t.name().equals(name)).forEach(candidates::add);
        for (WorldTheorem t : candidates) {
            String statement = LeanText.maskComments(t.statement());
            Matcher own = DECL.matcher(statement);
            if (!own.find()) {
                continue;
            }
            String type = SPACE.matcher(statement.substring(own.end(1)).strip()).replaceAll(" ");
            int byEnd = endOfStatement(masked, m.end(1), type);
            if (byEnd < 0) {
                continue;
            }
            String rest = cmd.substring(byEnd);
            String axiomsOf = null;
            int axiomsStart = -1;
            Matcher ax = PRINT_AXIOMS.matcher(rest);
            if (ax.find()) {
                axiomsOf = ax.group(1);
                axiomsStart = byEnd + ax.start();
                rest = rest.substring(0, ax.start());
            }
            return Optional.of(new TheoremText(t, cmd, m.start(1), m.end(1), byEnd, rest, byEnd, axiomsOf, axiomsStart,
                    name, type.replaceFirst("\\s*:=\\s*by$", "")));
        }
        return Optional.empty();
    }

    /** True when the proof is just {@code sorry}: the client starts a proof. */
    boolean startsProof() {
        return proof.strip().equals("sorry") && axiomsOf == null;
    }

    /** Where {@code sorry} starts, for a command that starts a proof. */
    int sorryStart() {
        return proofStart + proof.indexOf("sorry");
    }

    /**
     * The proof's tactics in order, each with its offset in the command. A line indented deeper
     * than the first tactic continues the tactic before it.
     */
    List<Tactic> tactics() {
        List<Tactic> out = new ArrayList<>();
        // comments are whitespace to Lean: a comment line is no tactic, a trailing comment no part of one
        String[] lines = LeanText.maskComments(proof).split("\n", -1);
        int indent = -1;
        int offset = proofStart;
        StringBuilder current = null;
        int currentStart = 0;
        for (int k = 0; k < lines.length; k++) {
            String line = lines[k];
            String body = line.strip();
            int lead = line.length() - line.stripLeading().length();
            if (!body.isEmpty()) {
                boolean continues = k > 0 && current != null && indent >= 0 && lead > indent;
                if (continues) {
                    current.append('\n').append(line);
                } else {
                    if (current != null) {
                        out.add(new Tactic(current.toString().strip(), currentStart));
                    }
                    if (k > 0 && indent < 0) {
                        indent = lead;
                    }
                    current = new StringBuilder(body);
                    currentStart = offset + lead;
                }
            }
            offset += line.length() + 1;
        }
        if (current != null) {
            out.add(new Tactic(current.toString().strip(), currentStart));
        }
        return out;
    }

    record Tactic(String text, int offset) {
    }

    /** The end of the statement in {@code cmd} (just after {@code := by}), comparing up to whitespace. */
    private static int endOfStatement(String cmd, int from, String want) {
        StringBuilder seen = new StringBuilder();
        boolean space = false;
        for (int i = from; i < cmd.length(); i++) {
            char c = cmd.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
                continue;
            }
            if (space && seen.length() > 0) {
                seen.append(' ');
            }
            space = false;
            seen.append(c);
            if (!want.startsWith(seen.toString())) {
                return -1;
            }
            if (seen.length() == want.length()) {
                return i + 1;
            }
        }
        return -1;
    }
}
