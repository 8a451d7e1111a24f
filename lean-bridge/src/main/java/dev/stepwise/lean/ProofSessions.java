package dev.stepwise.lean;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Proof sessions over the pool: what the search uses. A state is rebuilt on another process by
 * replaying its tactic path whenever the process that made it died, was recycled or is busy, so
 * a crash or timeout in one search never poisons another's later steps. Safe for many threads.
 */
public final class ProofSessions {
    /**
     * Tries of one step, each on a fresh process after the last one broke: a crash, garbage answer
     * or lost handle is a fault of that process, not Lean's verdict on the tactic, so only a step
     * that breaks three processes in a row counts as a crash (and the search then treats its
     * attempt as decided by faults, never as a final no).
     */
    private static final int ATTEMPTS = 3;
    /**
     * Tries of a step that runs past its deadline: a hung process and a slow tactic look the same,
     * so a timeout is tried once more on a fresh process. A second timeout is reported as such
     * (the search counts it as that tactic's failure, as LeanDojo does, and says how many); a third
     * try would cost a genuinely slow tactic yet another whole deadline.
     */
    private static final int TIMEOUT_ATTEMPTS = 2;

    private final ReplPool pool;
    private final TacticFilter filter;

    public ProofSessions(ReplPool pool, TacticFilter filter) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.filter = Objects.requireNonNull(filter, "filter");
    }

    /**
     * Elaborates {@code statement} (ending in {@code := by}) on the header's env with its proof
     * left as {@code sorry}; the sorry's goal is the root state.
     */
    public SessionStart start(String header, String statement) {
        String last = "no attempt";
        int timeouts = 0;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try (ReplLease lease = pool.lease(header)) {
                Located root = elaborateRoot(lease, header, statement, "sorry", 0);
                return switch (root) {
                    case Located.At at -> {
                        SessionState state = SessionState.root(header, statement, at.goals());
                        state.locate(lease.processId(), at.proofState());
                        yield new SessionStart.Started(state);
                    }
                    case Located.Refused r -> new SessionStart.Failed(r.reason());
                    case Located.NotElaborated n -> new SessionStart.StatementRejected(n.reason());
                };
            } catch (ReplTimeoutException e) {
                last = "the statement took longer than " + e.deadline().toMillis() + " ms to elaborate";
                if (++timeouts >= TIMEOUT_ATTEMPTS) {
                    return new SessionStart.Failed(last);
                }
            } catch (ReplCrashException e) {
                last = e.getMessage();
            } catch (ReplPoolTimeoutException e) {
                return new SessionStart.Failed("no Lean process available: " + e.getMessage());
            }
        }
        return new SessionStart.Failed("Lean crashed: " + last);
    }

    /** Applies one tactic to a state, on whichever process can take it. */
    public StepOutcome apply(SessionState state, String tactic) {
        Optional<String> refused = filter.check(tactic);
        if (refused.isPresent()) {
            return new StepOutcome.Refused(refused.get());
        }
        String last = "no attempt";
        int timeouts = 0;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            // rebuilding elsewhere elaborates the statement and replays the path
            try (ReplLease lease = pool.lease(state.header(), state.processes(), state.depth() + 1)) {
                Integer proofState = state.proofStateOn(lease.processId());
                if (proofState == null) {
                    pool.countReplay();
                    Located rebuilt = rebuild(lease, state);
                    switch (rebuilt) {
                        case Located.At at -> proofState = at.proofState();
                        case Located.Refused r -> {
                            return new StepOutcome.Crash("cannot rebuild the state on a fresh process: " + r.reason());
                        }
                        case Located.NotElaborated n -> {
                            return new StepOutcome.Crash("cannot rebuild the state on a fresh process: " + n.reason());
                        }
                    }
                }
                ReplResponse response = lease.send(new ReplRequest.Tactic(tactic, proofState));
                if (response instanceof ReplResponse.ErrorMessage e && ReplCodec.isUnknownHandle(e)) {
                    last = e.message();
                    continue;
                }
                if (response instanceof ReplResponse.TacticResult t && WholeProofCheck.applies(t)) {
                    // a REPL before v4.19.0: goals [] without a status may be a finished proof or not
                    return WholeProofCheck.judge(lease, state, tactic,
                            pool.config().requestTimeout().multipliedBy(state.depth() + 1L));
                }
                return classify(state, tactic, response, lease.processId());
            } catch (ReplTimeoutException e) {
                // the process was killed: the next try rebuilds the state on a fresh one
                if (++timeouts >= TIMEOUT_ATTEMPTS) {
                    return new StepOutcome.Timeout(e.deadline());
                }
                last = "timed out after " + e.deadline().toMillis() + " ms";
            } catch (ReplCrashException e) {
                last = e.getMessage();
            } catch (ReplPoolTimeoutException e) {
                return new StepOutcome.Crash("no Lean process available: " + e.getMessage());
            }
        }
        return new StepOutcome.Crash(last);
    }

    /**
     * The success rule: no error message, and either goals remain or the proof is Completed.
     * {@code goals: []} alone is never success (a failed {@code exact} gives exactly that); where
     * the REPL reports no status at all, {@link WholeProofCheck} decides before this is asked.
     */
    static StepOutcome classify(SessionState state, String tactic, ReplResponse response, long processId) {
        return switch (response) {
            case ReplResponse.ErrorMessage e -> new StepOutcome.LeanError(e.message());
            case ReplResponse.CommandResult c -> new StepOutcome.LeanError(
                    "the REPL answered a tactic with a command result (env " + c.env() + ")");
            case ReplResponse.TacticResult t -> {
                String errors = errors(t.messages());
                if (!errors.isEmpty()) {
                    yield new StepOutcome.LeanError(errors);
                }
                if (t.proofStatus() instanceof ProofStatus.Completed) {
                    yield new StepOutcome.Complete();
                }
                if (!t.goals().isEmpty()) {
                    SessionState next = state.child(tactic, t.goals());
                    next.locate(processId, t.proofState());
                    yield new StepOutcome.Progress(next);
                }
                yield new StepOutcome.LeanError("no goals remain but the proof is not complete: "
                        + (t.proofStatus().text() == null ? "no proofStatus reported" : t.proofStatus().text()));
            }
        };
    }

    // ------------------------------------------------------------------ replay

    private sealed interface Located {
        record At(int proofState, List<String> goals) implements Located {
        }

        record Refused(String reason) implements Located {
        }

        /** Lean answered the statement with errors: its verdict on the statement itself. */
        record NotElaborated(String reason) implements Located {
        }
    }

    /**
     * Elaborates a proof sketch: {@code statement} with {@code sketch} (tactic lines at column 0,
     * {@code have ... := by sorry} holes among them) as its proof, once. The REPL answers one
     * {@code sorries} entry per tactic-mode hole with a proof state of its own
     * (leanprover-community/repl, REPL/Main.lean {@code sorries}, test/have_by_sorry, commit
     * 8948401; docs/evidence/sketch-holes.md): each becomes the root of a session, which a fresh
     * process rebuilds by elaborating the same sketch again and taking the same hole. A sketch with
     * errors (a hole that does not elaborate, the main goal left unsolved) is Lean's verdict on it.
     */
    public SketchElaboration sketch(String header, String statement, String sketch) {
        String last = "no attempt";
        int timeouts = 0;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try (ReplLease lease = pool.lease(header)) {
                int env;
                switch (lease.header(header)) {
                    case HeaderEnv.Ready r -> env = r.env();
                    case HeaderEnv.Failed f -> {
                        return new SketchElaboration.Failed(f.reason());
                    }
                }
                ReplResponse response = lease.send(ReplRequest.Command.in(env, commandText(statement, sketch)));
                switch (response) {
                    case ReplResponse.CommandResult c -> {
                        String errors = errors(c.messages());
                        if (!errors.isEmpty()) {
                            return new SketchElaboration.Rejected(errors);
                        }
                        List<Sorry> holes = c.sorries().stream().filter(s -> s.proofState() != null).toList();
                        List<SessionState> roots = new java.util.ArrayList<>();
                        for (int i = 0; i < holes.size(); i++) {
                            SessionState root = SessionState.hole(header, statement, sketch, i, List.of(holes.get(i).goal()));
                            root.locate(lease.processId(), holes.get(i).proofState());
                            roots.add(root);
                        }
                        return new SketchElaboration.Holes(roots, c.sorries().size() - holes.size());
                    }
                    case ReplResponse.TacticResult t -> {
                        return new SketchElaboration.Failed("the REPL answered the sketch with a tactic result");
                    }
                    case ReplResponse.ErrorMessage e -> {
                        return new SketchElaboration.Rejected("the REPL refused the sketch: " + e.message());
                    }
                }
            } catch (ReplTimeoutException e) {
                last = "the sketch took longer than " + e.deadline().toMillis() + " ms to elaborate";
                if (++timeouts >= TIMEOUT_ATTEMPTS) {
                    return new SketchElaboration.Failed(last);
                }
            } catch (ReplCrashException e) {
                last = e.getMessage();
            } catch (ReplPoolTimeoutException e) {
                return new SketchElaboration.Failed("no Lean process available: " + e.getMessage());
            }
        }
        return new SketchElaboration.Failed("Lean crashed: " + last);
    }

    /** The statement with its proof two spaces in, as the gate lays a proof out. */
    private static String commandText(String statement, String proof) {
        return statement.stripTrailing() + "\n  " + proof.strip().replace("\n", "\n  ");
    }

    private static Located elaborateRoot(ReplLease lease, String header, String statement, String proof, int hole) {
        int env;
        switch (lease.header(header)) {
            case HeaderEnv.Ready r -> env = r.env();
            case HeaderEnv.Failed f -> {
                return new Located.Refused(f.reason());
            }
        }
        ReplResponse response = lease.send(ReplRequest.Command.in(env, commandText(statement, proof)));
        return switch (response) {
            case ReplResponse.CommandResult c -> {
                String errors = errors(c.messages());
                if (!errors.isEmpty()) {
                    yield new Located.NotElaborated("the statement does not elaborate: " + errors);
                }
                Optional<Sorry> sorry = c.sorries().stream().filter(s -> s.proofState() != null).skip(hole).findFirst();
                yield sorry.<Located>map(s -> new Located.At(s.proofState(), List.of(s.goal())))
                        .orElseGet(() -> new Located.Refused("the statement left no goal to prove"));
            }
            case ReplResponse.TacticResult t -> new Located.Refused("the REPL answered the statement with a tactic result");
            case ReplResponse.ErrorMessage e -> new Located.Refused("the REPL refused the statement: " + e.message());
        };
    }

    /** Replays from the nearest ancestor this process still holds (or the root), locating each state. */
    private static Located rebuild(ReplLease lease, SessionState target) {
        Deque<SessionState> chain = new ArrayDeque<>();
        SessionState s = target;
        Integer from = null;
        while (s != null) {
            from = s.proofStateOn(lease.processId());
            if (from != null) {
                break;
            }
            chain.push(s);
            s = s.parent();
        }
        int current;
        if (from != null) {
            current = from;
        } else {
            SessionState root = chain.pop();
            Located r = elaborateRoot(lease, root.header(), root.statement(), root.proof(), root.hole());
            if (!(r instanceof Located.At at)) {
                return r;
            }
            root.locate(lease.processId(), at.proofState());
            current = at.proofState();
        }
        while (!chain.isEmpty()) {
            SessionState step = chain.pop();
            ReplResponse response = lease.send(new ReplRequest.Tactic(step.tactic(), current));
            if (!(response instanceof ReplResponse.TacticResult t) || !errors(t.messages()).isEmpty()) {
                return new Located.Refused("replaying `" + step.tactic() + "` failed");
            }
            if (!t.goals().equals(step.goals()) && !(t.proofStatus() instanceof ProofStatus.Completed)) {
                return new Located.Refused("replaying `" + step.tactic() + "` gave other goals than recorded");
            }
            step.locate(lease.processId(), t.proofState());
            current = t.proofState();
        }
        return new Located.At(current, target.goals());
    }

    private static String errors(List<Message> messages) {
        return messages.stream().filter(m -> m.severity() == Severity.ERROR).map(Message::data)
                .collect(Collectors.joining("\n"));
    }
}
