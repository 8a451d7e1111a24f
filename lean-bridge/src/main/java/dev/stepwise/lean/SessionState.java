package dev.stepwise.lean;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A proof state of a session, independent of any process: its goals, the tactic path that
 * reaches it from the root, and where it currently lives (process id → REPL proof state id).
 * When none of those processes is available the session rebuilds it by replaying the path.
 */
public final class SessionState {
    private final String header;
    private final String statement;
    /** The root's proof as elaborated: {@code sorry}, or a sketch whose {@link #hole}-th sorry is the root. */
    private final String proof;
    private final int hole;
    private final SessionState parent;
    private final String tactic;
    private final List<String> goals;
    private final int depth;
    private final Map<Long, Integer> locations = new ConcurrentHashMap<>();

    private SessionState(String header, String statement, String proof, int hole, SessionState parent, String tactic,
            List<String> goals) {
        this.header = Objects.requireNonNull(header, "header");
        this.statement = Objects.requireNonNull(statement, "statement");
        this.proof = Objects.requireNonNull(proof, "proof");
        this.hole = hole;
        this.parent = parent;
        this.tactic = tactic;
        this.goals = List.copyOf(goals);
        this.depth = parent == null ? 0 : parent.depth + 1;
    }

    static SessionState root(String header, String statement, List<String> goals) {
        return new SessionState(header, statement, "sorry", 0, null, null, goals);
    }

    /** The root state of a sketch's {@code hole}-th hole (0-based, among sorries with a proof state). */
    static SessionState hole(String header, String statement, String sketch, int hole, List<String> goals) {
        return new SessionState(header, statement, sketch, hole, null, null, goals);
    }

    SessionState child(String tactic, List<String> goals) {
        return new SessionState(header, statement, proof, hole, this, Objects.requireNonNull(tactic, "tactic"), goals);
    }

    /** The proof the root's command holds under the statement ({@code sorry} for a theorem's own root). */
    String proof() {
        return proof;
    }

    /** Which sorry of {@link #proof()} is the root, counting those with a proof state. */
    int hole() {
        return hole;
    }

    public String header() {
        return header;
    }

    public String statement() {
        return statement;
    }

    /** The pretty-printed goals, one string per goal. */
    public List<String> goals() {
        return goals;
    }

    /** The goals as Lean prints several: separated by a blank line. */
    public String goalsText() {
        return String.join("\n\n", goals);
    }

    /** The tactics from the root to this state, in order. */
    public List<String> path() {
        List<String> path = new ArrayList<>(depth);
        for (SessionState s = this; s.parent != null; s = s.parent) {
            path.add(s.tactic);
        }
        Collections.reverse(path);
        return path;
    }

    /** Tactics from the root to this state. */
    int depth() {
        return depth;
    }

    /** The state this one came from, or null for the root. */
    SessionState parent() {
        return parent;
    }

    String tactic() {
        return tactic;
    }

    Integer proofStateOn(long processId) {
        return locations.get(processId);
    }

    void locate(long processId, int proofState) {
        locations.put(processId, proofState);
    }

    Set<Long> processes() {
        return Set.copyOf(locations.keySet());
    }

    @Override
    public String toString() {
        return "SessionState[depth " + depth + ", " + goals.size() + " goals]";
    }
}
