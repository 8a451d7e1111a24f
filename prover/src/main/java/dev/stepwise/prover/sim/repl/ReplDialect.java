package dev.stepwise.prover.sim.repl;

import dev.stepwise.lean.ProofStatus;
import dev.stepwise.lean.ReplVersion;
import dev.stepwise.prover.sim.world.World;
import java.util.Objects;

/**
 * Which REPL the simulated one acts as: its tag decides whether tactic results carry
 * {@code proofStatus} (from v4.19.0), how the sorry warning is quoted (backticks from Lean
 * v4.28.0-rc1) and whether each response is flushed (from v4.10.0, or on an older tag with the
 * REPL's flush fix, commit 4fc1e6d, applied as {@code make lean} does). Evidence in
 * docs/evidence/lean-versions.md.
 *
 * @param flushFix whether the flush fix was applied to a tag that lacks it
 */
public record ReplDialect(ReplVersion version, boolean flushFix) {
    /** The version lean-project pins (lean-toolchain and both requires of lakefile.toml). */
    public static final ReplVersion PINNED = new ReplVersion(4, 24, 0, 0);

    public ReplDialect {
        Objects.requireNonNull(version, "version");
    }

    /**
     * The REPL a world's simulated REPL acts as when no {@code --repl-version} is given: the
     * project {@code make lean} sets up for the world's {@code lean} (flush fix included, as for
     * tags before v4.10.0), or the pinned version's for a world that states none.
     */
    public static ReplDialect forWorld(World world) {
        return world.lean() == null ? pinned() : new ReplDialect(ReplVersion.parse(world.lean()), true);
    }

    /** The REPL of the pinned version. */
    public static ReplDialect pinned() {
        return new ReplDialect(PINNED, false);
    }

    public boolean flushesEachResponse() {
        return flushFix || version.flushesEachResponse();
    }

    public String sorryWarning() {
        return version.sorryWarning();
    }

    /** The status this REPL reports for a result whose status would be {@code status}: none before v4.19.0. */
    public ProofStatus status(ProofStatus status) {
        return version.reportsProofStatus() ? status : new ProofStatus.NotReported();
    }

    @Override
    public String toString() {
        return version + (flushFix && !version.flushesEachResponse() ? " with the flush fix" : "");
    }
}
