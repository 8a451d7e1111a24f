package dev.stepwise.prover.run;

import dev.stepwise.search.GoalKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The holes solved in this run, shared by every sketch of every theorem: a hole whose goal (as
 * the search keys goals) was proved under the same header takes the same tactics, with no search.
 * BFS-Prover-V2's planner shares solved subgoals the same way. Only proofs are kept: a hole that
 * failed under one budget is searched again when a later sketch asks for it.
 */
public final class SubgoalCache {
    private record Key(String header, GoalKey goal) {
    }

    private final Map<Key, List<String>> solved = new ConcurrentHashMap<>();

    Optional<List<String>> proof(String header, String goal) {
        return Optional.ofNullable(solved.get(new Key(header, GoalKey.of(goal))));
    }

    void put(String header, String goal, List<String> tactics) {
        solved.putIfAbsent(new Key(header, GoalKey.of(goal)), List.copyOf(tactics));
    }

    /** Holes solved so far. */
    public int size() {
        return solved.size();
    }
}
