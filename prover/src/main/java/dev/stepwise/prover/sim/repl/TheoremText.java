package dev.stepwise.prover.sim.repl;

import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldTheorem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command that declares one of the world's theorems: where its name and its {@code := by} are,
 * and what follows (a {@code sorry} to start a proof, or a proof for the acceptance gate,
 * possibly followed by {@code #print axioms NAME}).
 */
record TheoremText(WorldTheorem theorem, String cmd, int nameStart, int nameEnd, int byEnd, String proof,
        int proofStart, String axiomsOf, int axiomsStart) {

    private static final Pattern DECL = Pattern.compile("(?m)^\\s*(?:theorem|lemma)\\s+(\\S+)");
    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final Pattern PRINT_AXIOMS = Pattern.compile("(?m)^#print\\s+axioms\\s+(\\S+)\\s*$");

    /** The world theorem this command declares, when its statement is the world's, word for word. */
    static Optional<TheoremText> find(World world, String cmd) {
        Matcher m = DECL.matcher(cmd);
        if (!m.find()) {
            return Optional.empty();
        }
        Optional<WorldTheorem> t = world.theorem(m.group(1));
        if (t.isEmpty()) {
            return Optional.empty();
        }
        String statement = t.get().statement().stripTrailing();
        int byEnd = endOfStatement(cmd, m.start(1) - (statement.indexOf(m.group(1))), statement);
        if (byEnd < 0) {
            return Optional.empty();
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
        return Optional.of(new TheoremText(t.get(), cmd, m.start(1), m.end(1), byEnd, rest, byEnd, axiomsOf, axiomsStart));
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
        String[] lines = proof.split("\n", -1);
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
    private static int endOfStatement(String cmd, int from, String statement) {
        if (from < 0) {
            return -1;
        }
        String want = SPACE.matcher(statement).replaceAll(" ");
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
