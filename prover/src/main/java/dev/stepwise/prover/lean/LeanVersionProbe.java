package dev.stepwise.prover.lean;

import dev.stepwise.lean.HostTools;
import dev.stepwise.lean.Message;
import dev.stepwise.lean.ReplCodec;
import dev.stepwise.lean.ReplCrashException;
import dev.stepwise.lean.ReplProcess;
import dev.stepwise.lean.ReplProtocolException;
import dev.stepwise.lean.ReplRequest;
import dev.stepwise.lean.ReplResponse;
import dev.stepwise.lean.ReplStartException;
import dev.stepwise.lean.ReplTimeoutException;
import dev.stepwise.lean.ReplVersion;
import dev.stepwise.lean.Severity;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Asks a REPL which Lean it runs, for a REPL the project's files do not describe (a configured
 * {@code lean.repl-command}: the simulator's, or a user's own). The question is the command
 * {@value #COMMAND} in a fresh environment: {@code Lean.versionString} is defined in Lean's
 * prelude ({@code Init/Meta.lean}, leanprover/lean4, every v4 tag: {@code "4.24.0"},
 * {@code "4.9.0-rc1"}), so it needs no import, and the REPL answers {@code #eval} of a string
 * with one info message holding the string as Lean shows it, in quotes. A project set up by
 * {@code make lean} is not asked: its {@code lean-toolchain} pins the version elan runs.
 */
public final class LeanVersionProbe {
    /** The command; the REPL's answer is an info message such as {@code "4.24.0"}. */
    public static final String COMMAND = "#eval Lean.versionString";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private LeanVersionProbe() {
    }

    /** The version in the REPL's answer to {@link #COMMAND}, if it gave one. */
    public static Optional<ReplVersion> read(ReplResponse answer) {
        if (!(answer instanceof ReplResponse.CommandResult r)) {
            return Optional.empty();
        }
        return r.messages().stream().filter(m -> m.severity() == Severity.INFO).map(Message::data)
                .map(d -> d.strip().replaceAll("^\"|\"$", "")).flatMap(d -> ReplVersion.find(d).stream()).findFirst();
    }

    /**
     * Starts one REPL of {@code setup}, asks it, and stops it; empty when it does not say (or
     * cannot be asked: the run's own start then reports why).
     */
    public static Optional<ReplVersion> ask(LeanSetup setup) {
        try (ScratchDir scratch = setup.scratch();
                ReplProcess repl = ReplProcess.start("lean-version", setup.processConfig(scratch.path()), new ReplCodec(),
                        HostTools.fromEnvironment(), InstantSource.system())) {
            return read(repl.send(ReplRequest.Command.fresh(COMMAND), DEADLINE));
        } catch (ReplCrashException | ReplTimeoutException | ReplProtocolException | ReplStartException e) {
            return Optional.empty();
        }
    }
}
