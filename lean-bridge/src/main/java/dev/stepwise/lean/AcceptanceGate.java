package dev.stepwise.lean;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The last word on a found proof. A tactic-mode {@code Completed} is not a checked theorem (it
 * is never replayed into a declaration and no axioms are checked), so the gate re-elaborates
 * the whole theorem as one command on a healthy header env, with {@code #print axioms} in the
 * same command, and rejects on any error, any sorry (entry or warning, both spellings), any axiom
 * outside the allow-list, a statement other than the reference, or forbidden text.
 */
public final class AcceptanceGate {
    private static final int ATTEMPTS = 2;
    private static final Pattern SPACE = Pattern.compile("\\s+");
    /** A line starting at column 0 inside the proof is a new top-level command. */
    private static final Pattern TOP_LEVEL_LINE = Pattern.compile("(?m)^(?![ \\t]|--|/-|$)(.*)$");

    private final ReplPool pool;
    private final GatePolicy policy;
    private final TacticFilter prefilter;

    public AcceptanceGate(ReplPool pool, GatePolicy policy) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.prefilter = new TacticFilter(policy.forbidden());
    }

    /**
     * @param header the problem's header (imports, opens, options)
     * @param name the theorem's name, as {@code #print axioms} needs it
     * @param referenceStatement the statement as given, through {@code := by}
     * @param theorem the complete theorem as found: the statement followed by its proof
     */
    public GateVerdict check(String header, String name, String referenceStatement, String theorem) {
        List<String> reasons = new ArrayList<>();
        String proof = proofAfter(referenceStatement, theorem);
        if (proof == null) {
            reasons.add("the statement was changed: the theorem does not begin with the reference statement");
            proof = theorem;
        }
        for (String word : prefilter.findAll(proof)) {
            reasons.add("forbidden text in the proof: `" + word + "`");
        }
        var extra = TOP_LEVEL_LINE.matcher(proof.lines().skip(1).reduce("", (a, b) -> a + b + "\n"));
        if (extra.find()) {
            reasons.add("the proof adds a top-level command after the theorem: `" + abbreviate(extra.group(1)) + "`");
        }
        String command = theorem.stripTrailing() + "\n\n#print axioms " + name + "\n";
        String lastProblem = "no attempt";
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try (ReplLease lease = pool.lease(header)) {
                int env;
                switch (lease.header(header)) {
                    case HeaderEnv.Ready r -> env = r.env();
                    case HeaderEnv.Failed f -> {
                        return unchecked(name, reasons, "the header env is not healthy: " + f.reason());
                    }
                }
                ReplResponse response = lease.send(ReplRequest.Command.in(env, command), policy.deadline());
                return judge(name, response, reasons);
            } catch (ReplTimeoutException e) {
                return unchecked(name, reasons, "re-elaboration ran past " + e.deadline().toMillis() + " ms");
            } catch (ReplCrashException e) {
                lastProblem = e.getMessage();
            } catch (ReplPoolTimeoutException e) {
                return unchecked(name, reasons, "no Lean process available: " + e.getMessage());
            }
        }
        return unchecked(name, reasons, "Lean crashed while checking: " + lastProblem);
    }

    private GateVerdict judge(String name, ReplResponse response, List<String> reasons) {
        List<String> axioms = List.of();
        switch (response) {
            case ReplResponse.ErrorMessage e -> reasons.add("the REPL refused the theorem: " + e.message());
            case ReplResponse.TacticResult t -> reasons.add("the REPL answered the theorem with a tactic result");
            case ReplResponse.CommandResult c -> {
                Optional<List<String>> printed = Optional.empty();
                for (Message m : c.messages()) {
                    if (m.severity() == Severity.ERROR) {
                        reasons.add("Lean error: " + m.data());
                    } else if (m.isSorryWarning()) {
                        reasons.add("Lean warning: " + m.data());
                    } else if (printed.isEmpty()) {
                        printed = ReplCodec.printedAxioms(m.data(), name);
                    }
                }
                if (!c.sorries().isEmpty()) {
                    reasons.add("the proof contains sorry (" + c.sorries().size() + ")");
                }
                if (printed.isEmpty()) {
                    reasons.add("no axiom report for '" + name + "' (#print axioms printed nothing about it)");
                } else {
                    axioms = printed.get();
                    Set<String> foreign = new LinkedHashSet<>(axioms);
                    foreign.removeAll(policy.allowedAxioms());
                    for (String axiom : foreign) {
                        reasons.add("depends on axiom " + axiom + ", which is not allowed");
                    }
                }
            }
        }
        return new GateVerdict(name, reasons.isEmpty() ? GateDecision.ACCEPTED : GateDecision.REJECTED, reasons,
                axioms);
    }

    private static GateVerdict unchecked(String name, List<String> reasons, String why) {
        List<String> all = new ArrayList<>(reasons);
        all.add(why);
        // text reasons alone already condemn the proof; Lean's silence does not acquit it
        return new GateVerdict(name, reasons.isEmpty() ? GateDecision.UNCHECKED : GateDecision.REJECTED, all, List.of());
    }

    /** The proof text after the reference statement, or null if the theorem does not begin with it. */
    static String proofAfter(String referenceStatement, String theorem) {
        String ref = SPACE.matcher(referenceStatement.strip()).replaceAll(" ");
        int r = 0;
        int t = 0;
        String text = theorem.stripLeading();
        while (r < ref.length()) {
            if (t >= text.length()) {
                return null;
            }
            char rc = ref.charAt(r);
            char tc = text.charAt(t);
            if (rc == ' ') {
                if (!Character.isWhitespace(tc)) {
                    return null;
                }
                while (t < text.length() && Character.isWhitespace(text.charAt(t))) {
                    t++;
                }
                r++;
            } else if (rc == tc) {
                r++;
                t++;
            } else {
                return null;
            }
        }
        return text.substring(t);
    }

    private static String abbreviate(String s) {
        String line = s.strip();
        return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }
}
