package dev.stepwise.lean;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The last word on a found proof. A tactic-mode {@code Completed} is not a checked theorem (it
 * is never replayed into a declaration and no axioms are checked), so the gate elaborates the
 * whole theorem again, under the reference header only, and asks Lean about the result in
 * commands of its own, each on the environment the one before returned:
 * <ol>
 * <li>the theorem (statement and proof) on a healthy env of the reference header;</li>
 * <li>{@code #print axioms NAME}: its own command, so no message of the proof (a {@code trace}
 * that prints a fake report, say) can stand where the report is read; the answer must be exactly
 * one report about {@code NAME};</li>
 * <li>the reference statement, with its proof left as {@code sorry}, under a name of the gate's
 * own (after the proof, so the proof cannot use it);</li>
 * <li>{@code example : type_of% @NAME = type_of% @REF := rfl}: Lean itself says whether the
 * proved constant's type is the reference statement's (up to definitional equality, which is
 * what makes one a proof of the other).</li>
 * </ol>
 * It rejects on any error, any sorry (entry or warning, both spellings), any axiom outside the
 * allow-list, a statement or header other than the reference, added top-level commands or
 * forbidden text. The axioms are read only from the report of step 2.
 */
public final class AcceptanceGate {
    private static final int ATTEMPTS = 2;
    /** A line starting at column 0 inside the proof is a new top-level command. */
    private static final Pattern TOP_LEVEL_LINE = Pattern.compile("(?m)^(?![ \\t]|$)(.*)$");
    /** The declaration keyword and the name after it, in a statement whose comments are masked. */
    private static final Pattern DECLARED = Pattern.compile("(?<![\\w.'])(?:theorem|lemma)\\s+(«[^»]*»|[^\\s(\\[{⦃:]+)");
    private static final Pattern BY_END = Pattern.compile(":=\\s*by\\b");

    private final ReplPool pool;
    private final GatePolicy policy;
    private final TacticFilter prefilter;

    public AcceptanceGate(ReplPool pool, GatePolicy policy) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.prefilter = new TacticFilter(policy.forbidden());
    }

    /**
     * The search's form: the theorem as found is the reference statement followed by its proof,
     * under the problem's header.
     *
     * @param header the problem's header (imports, opens, options)
     * @param name the theorem's name, as {@code #print axioms} needs it
     * @param referenceStatement the statement as given, through {@code := by}
     * @param theorem the complete theorem as found: the statement followed by its proof
     */
    public GateVerdict check(String header, String name, String referenceStatement, String theorem) {
        String proof = proofAfter(referenceStatement, theorem);
        if (proof != null) {
            return check(new GateRequest(header, header, name, referenceStatement, referenceStatement, proof));
        }
        Matcher by = BY_END.matcher(LeanText.maskComments(theorem));
        if (by.find()) {
            return check(new GateRequest(header, header, name, referenceStatement, theorem.substring(0, by.end()),
                    theorem.substring(by.end())));
        }
        return check(new GateRequest(header, header, name, referenceStatement, theorem, ""));
    }

    /** Checks one theorem against its reference: header, statement, proof text and Lean's answers. */
    public GateVerdict check(GateRequest request) {
        String name = request.name();
        List<String> reasons = new ArrayList<>();
        LeanText.firstDifference(request.referenceHeader(), request.header()).ifPresent(d ->
                reasons.add("the header differs from the reference header (" + d + "); the theorem is checked "
                        + "under the reference header only"));
        statementChange(request.referenceStatement(), request.statement()).ifPresent(reasons::add);
        for (String word : prefilter.findAll(request.proof())) {
            reasons.add("forbidden text in the proof: `" + word + "`");
        }
        String afterFirstLine = request.proof().lines().skip(1).collect(Collectors.joining("\n"));
        Matcher extra = TOP_LEVEL_LINE.matcher(LeanText.maskComments(afterFirstLine));
        if (extra.find()) {
            reasons.add("the proof adds a top-level command after the theorem: `"
                    + LeanText.abbreviate(afterFirstLine.substring(extra.start(1), extra.end(1))) + "`");
        }
        Optional<String> reference = referenceCommand(request.referenceStatement(), name);
        if (reference.isEmpty()) {
            reasons.add("the reference statement declares no theorem name");
            return new GateVerdict(name, GateDecision.REJECTED, reasons, List.of());
        }
        String lastProblem = "no attempt";
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try (ReplLease lease = pool.lease(request.referenceHeader())) {
                int env;
                switch (lease.header(request.referenceHeader())) {
                    case HeaderEnv.Ready r -> env = r.env();
                    case HeaderEnv.Failed f -> {
                        return unchecked(name, reasons, "the header env is not healthy: " + f.reason());
                    }
                }
                List<String> lean = new ArrayList<>(reasons);
                List<Message> errors = new ArrayList<>();
                List<String> axioms = askLean(lease, env, request, reference.get(), lean, errors);
                return new GateVerdict(name, lean.isEmpty() ? GateDecision.ACCEPTED : GateDecision.REJECTED, lean, axioms,
                        errors);
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

    /** Steps 1-4 on one process; adds every reason to {@code reasons}, returns the reported axioms. */
    private List<String> askLean(ReplLease lease, int headerEnv, GateRequest request, String reference,
            List<String> reasons, List<Message> errors) {
        String name = request.name();
        // 1. the theorem
        ReplResponse proved = lease.send(ReplRequest.Command.in(headerEnv, request.theorem()), policy.deadline());
        if (!(proved instanceof ReplResponse.CommandResult theorem)) {
            reasons.add("the REPL refused the theorem: " + describe(proved));
            return List.of();
        }
        for (Message m : theorem.messages()) {
            if (m.severity() == Severity.ERROR) {
                reasons.add("Lean error: " + m.data());
                errors.add(m);
            } else if (m.isSorryWarning()) {
                reasons.add("Lean warning: " + m.data());
            }
        }
        if (!theorem.sorries().isEmpty()) {
            reasons.add("the proof contains sorry (" + theorem.sorries().size() + ")");
        }
        // 2. its axioms, in a command of their own
        ReplResponse printed = lease.send(ReplRequest.Command.in(theorem.env(), "#print axioms " + name), policy.deadline());
        Optional<List<String>> report = axiomReport(printed, name);
        if (report.isEmpty()) {
            reasons.add("no axiom report for '" + name + "': #print axioms answered " + describe(printed));
            return List.of();
        }
        Set<String> foreign = new LinkedHashSet<>(report.get());
        foreign.removeAll(policy.allowedAxioms());
        for (String axiom : foreign) {
            reasons.add("depends on axiom " + axiom + ", which is not allowed");
        }
        // 3. the reference statement under a name of the gate's own, after the proof
        String refName = referenceName(name);
        ReplResponse ref = lease.send(ReplRequest.Command.in(theorem.env(), reference), policy.deadline());
        if (!(ref instanceof ReplResponse.CommandResult refResult) || !errors(refResult).isEmpty()) {
            reasons.add("the reference statement does not elaborate under the reference header: "
                    + (ref instanceof ReplResponse.CommandResult c ? errors(c) : describe(ref)));
            return report.get();
        }
        // 4. Lean compares the two types
        ReplResponse same = lease.send(ReplRequest.Command.in(refResult.env(), typesAgree(name, refName)),
                policy.deadline());
        if (!(same instanceof ReplResponse.CommandResult sameResult)) {
            reasons.add("the REPL refused the statement comparison: " + describe(same));
        } else if (!errors(sameResult).isEmpty()) {
            reasons.add("the proved statement is not the reference statement: " + errors(sameResult));
        }
        return report.get();
    }

    /**
     * Why the statement is not the reference one, read as Lean tokens, so comments and spacing
     * ({@code (x:ℝ)} against {@code (x : ℝ)}) do not count. Lean's comparison of the elaborated
     * types (step 4) is the one that decides; this one names the text.
     */
    static Optional<String> statementChange(String reference, String statement) {
        if (sameTokens(LeanText.maskComments(reference), LeanText.maskComments(statement))) {
            return Optional.empty();
        }
        String want = LeanText.normalized(reference);
        String got = LeanText.normalized(statement);
        int at = 0;
        while (at < want.length() && at < got.length() && want.charAt(at) == got.charAt(at)) {
            at++;
        }
        int from = Math.max(0, at - 20);
        while (from > 0 && want.charAt(from - 1) != ' ') {
            from--;
        }
        return Optional.of("the statement was changed: it has `" + LeanText.abbreviate(got.substring(from))
                + "` where the reference has `" + LeanText.abbreviate(want.substring(from)) + "`");
    }

    private static boolean sameTokens(String a, String b) {
        List<LeanText.Token> x = LeanText.tokens(a);
        List<LeanText.Token> y = LeanText.tokens(b);
        if (x.size() != y.size()) {
            return false;
        }
        for (int k = 0; k < x.size(); k++) {
            if (x.get(k).kind() != y.get(k).kind() || !x.get(k).text().equals(y.get(k).text())) {
                return false;
            }
        }
        return true;
    }

    /** The command that fails unless the two constants' types are definitionally equal. */
    static String typesAgree(String name, String refName) {
        return "example : type_of% @" + name + " = type_of% @" + refName + " := rfl";
    }

    /** The gate's own name for the reference statement; no dataset theorem is called like this. */
    static String referenceName(String name) {
        return "stepwise_gate_reference_" + Integer.toHexString(name.hashCode());
    }

    /**
     * The reference statement as a theorem of the gate's own name, proof {@code sorry}; attributes
     * and modifiers before the keyword are dropped (a {@code @[simp]} sorry would feed simp).
     */
    static Optional<String> referenceCommand(String referenceStatement, String name) {
        Matcher m = DECLARED.matcher(LeanText.maskComments(referenceStatement));
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of("theorem " + referenceName(name) + referenceStatement.substring(m.end(1)).stripTrailing()
                + "\n  sorry");
    }

    /** Exactly one message, an info, that is exactly the report about {@code name}. */
    private static Optional<List<String>> axiomReport(ReplResponse response, String name) {
        if (response instanceof ReplResponse.CommandResult c && c.messages().size() == 1
                && c.messages().get(0).severity() == Severity.INFO) {
            return ReplCodec.printedAxioms(c.messages().get(0).data(), name);
        }
        return Optional.empty();
    }

    private static String errors(ReplResponse.CommandResult c) {
        return c.messages().stream().filter(m -> m.severity() == Severity.ERROR).map(Message::data)
                .collect(Collectors.joining("; "));
    }

    private static String describe(ReplResponse response) {
        return switch (response) {
            case ReplResponse.ErrorMessage e -> "an error: " + e.message();
            case ReplResponse.TacticResult t -> "a tactic result";
            case ReplResponse.CommandResult c -> c.messages().isEmpty() ? "no message"
                    : c.messages().stream().map(m -> m.severity().name().toLowerCase(java.util.Locale.ROOT) + " `"
                            + LeanText.abbreviate(m.data().replace('\n', ' ')) + "`").collect(Collectors.joining(", "));
        };
    }

    private static GateVerdict unchecked(String name, List<String> reasons, String why) {
        List<String> all = new ArrayList<>(reasons);
        all.add(why);
        // text reasons alone already condemn the proof; Lean's silence does not acquit it
        return new GateVerdict(name, reasons.isEmpty() ? GateDecision.UNCHECKED : GateDecision.REJECTED, all, List.of());
    }

    /**
     * The proof text after the reference statement, or null if the theorem does not begin with
     * it; comments and whitespace runs in either are not part of the comparison.
     */
    static String proofAfter(String referenceStatement, String theorem) {
        String ref = LeanText.normalized(referenceStatement);
        String masked = LeanText.maskComments(theorem);
        int r = 0;
        int t = 0;
        while (t < masked.length() && Character.isWhitespace(masked.charAt(t))) {
            t++;
        }
        while (r < ref.length()) {
            if (t >= masked.length()) {
                return null;
            }
            char rc = ref.charAt(r);
            char tc = masked.charAt(t);
            if (rc == ' ') {
                if (!Character.isWhitespace(tc)) {
                    return null;
                }
                while (t < masked.length() && Character.isWhitespace(masked.charAt(t))) {
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
        return theorem.substring(t);
    }
}
