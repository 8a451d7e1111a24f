package dev.stepwise.prover.sim.repl;

import dev.stepwise.lean.LeanText;
import dev.stepwise.prover.sim.world.SimState;
import dev.stepwise.prover.sim.world.WorldTheorem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one simulated REPL process holds: its environments and proof states, numbered as the REPL
 * numbers them (only growing, never freed).
 */
final class EngineState {
    /** Every environment this process made, by number: the constants declared in it (by name). */
    private final List<Map<String, Declared>> envs = new ArrayList<>();
    private final List<Held> states = new ArrayList<>();

    /** A constant the simulated Lean declared: its type (the statement after its name) and axioms. */
    record Declared(String type, List<String> axioms) {
    }

    /** A proof state of this process; {@code state} null once every goal is closed. */
    record Held(WorldTheorem theorem, SimState state) {
    }

    boolean hasEnv(int env) {
        return env < envs.size();
    }

    /** The constants declared in {@code env}. */
    Map<String, Declared> constants(int env) {
        return envs.get(env);
    }

    boolean hasState(int proofState) {
        return proofState < states.size();
    }

    Held state(int proofState) {
        return states.get(proofState);
    }

    int stateCount() {
        return states.size();
    }

    Optional<Map.Entry<String, Declared>> lookUp(Integer env, String name) {
        if (env == null) {
            return Optional.empty();
        }
        List<String> parts = LeanText.parts(name);
        return envs.get(env).entrySet().stream().filter(e -> LeanText.parts(e.getKey()).equals(parts)).findFirst();
    }

    /** A new environment: {@code parent}'s constants (none for a fresh one), plus {@code name} when given. */
    int newEnv(Integer parent, String name, Declared declared) {
        Map<String, Declared> constants = new HashMap<>(parent == null ? Map.of() : envs.get(parent));
        if (name != null) {
            constants.put(name, declared);
        }
        envs.add(constants);
        return envs.size() - 1;
    }

    int hold(WorldTheorem theorem, SimState state) {
        states.add(new Held(theorem, state));
        return states.size() - 1;
    }
}
