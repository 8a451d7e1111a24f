package dev.stepwise.prover.sim.repl;

import dev.stepwise.prover.sim.world.Faults;
import dev.stepwise.prover.sim.world.World;
import java.util.Optional;
import java.util.Random;

/** A crash, a hang or garbage instead of an answer, by the world's per-command probabilities. */
final class FaultDraws {
    private final World world;
    /** The process's draws, shared with its tactic times (see {@link LeanClock}). */
    private final Random rng;
    private final EngineState engine;

    FaultDraws(World world, Random rng, EngineState engine) {
        this.world = world;
        this.rng = rng;
        this.engine = engine;
    }

    Optional<ReplAnswer> fault() {
        Faults f = world.faults();
        double roll = rng.nextDouble();
        if (roll < f.replCrash()) {
            return Optional.of(crash());
        }
        roll -= f.replCrash();
        if (roll < f.replHang()) {
            return Optional.of(new ReplAnswer.Hang());
        }
        roll -= f.replHang();
        if (roll < f.replGarbage()) {
            return Optional.of(new ReplAnswer.Reply("\u0000\u0007<simulated garbage> INTERNAL PANIC: unreachable code has been reached\n"
                    + "{\"proofSta\u001b[0m\n\n"));
        }
        return Optional.empty();
    }

    /** A dying Lean: half an answer on stdout, a stack overflow on stderr. */
    ReplAnswer crash() {
        return new ReplAnswer.Crash("{\"proofStatus\": \"Incomplete: open goals remain\",\n \"proofState\": " + engine.stateCount(),
                "Stack overflow detected. Aborting. (simulated crash)");
    }
}
