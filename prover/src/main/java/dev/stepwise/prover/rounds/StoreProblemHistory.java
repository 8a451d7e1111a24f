package dev.stepwise.prover.rounds;

import dev.stepwise.iteration.ProblemHistory;
import dev.stepwise.prover.eval.EvalConfig;
import dev.stepwise.prover.store.ProblemTry;
import dev.stepwise.prover.store.Run;
import dev.stepwise.prover.store.RunId;
import dev.stepwise.prover.store.RunOverview;
import dev.stepwise.prover.store.Simulation;
import dev.stepwise.prover.store.Store;
import dev.stepwise.search.Theorem;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The expert-iteration module's view of past runs ({@link ProblemHistory}), from the store. A
 * past try counts only when it was of the same statement (name, header and statement text as
 * the run stored them) and against the same Lean: a real round counts real runs, a simulated
 * round only the runs against its own world file. Before, a round counted every run of a name,
 * so following the README in order, round 1 of the pool's world took the earlier eval's proofs
 * in another world for its own ("13 solved before") and never searched them.
 */
public final class StoreProblemHistory implements ProblemHistory {
    private final Store store;
    private final String world;

    /** @param world the round's simulated world file, or "" for a real round (as the round's runs record it) */
    public StoreProblemHistory(Store store, String world) {
        this.store = store;
        this.world = Objects.requireNonNull(world, "world");
    }

    @Override
    public Map<String, Past> of(Collection<Theorem> theorems) {
        Map<String, Theorem> byName = theorems.stream().collect(Collectors.toMap(Theorem::name, t -> t, (a, b) -> a));
        Set<RunId> sameLean = store.runs().list().stream().map(RunOverview::run).filter(this::sameLean).map(Run::id)
                .collect(Collectors.toSet());
        Map<String, Past> out = new LinkedHashMap<>();
        for (ProblemTry t : store.problems().tries(byName.keySet())) {
            Theorem wanted = byName.get(t.name());
            if (sameLean.contains(t.run()) && wanted.header().equals(t.header()) && wanted.statement().equals(t.statement())) {
                Past before = out.getOrDefault(t.name(), Past.NONE);
                out.put(t.name(), new Past(before.attempts() + t.attempts(), before.solved() || t.proved()));
            }
        }
        return out;
    }

    /** Whether the run ran against this round's Lean: both real, or both in the same world file. */
    private boolean sameLean(Run run) {
        String runWorld = EvalConfig.simulatedWorld(run.configJson());
        if (world.isEmpty()) {
            // A run pointed at the simulator by hand (lean.repl-command) names no world but is labelled SIMULATED.
            return runWorld.isEmpty() && run.simulation() == Simulation.REAL;
        }
        return !runWorld.isEmpty() && samePath(runWorld, world);
    }

    private static boolean samePath(String a, String b) {
        return Path.of(a).toAbsolutePath().normalize().equals(Path.of(b).toAbsolutePath().normalize());
    }
}
