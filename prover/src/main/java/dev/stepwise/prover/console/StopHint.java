package dev.stepwise.prover.console;

import dev.stepwise.prover.eval.LeanUsage;
import dev.stepwise.prover.eval.ProblemDone;
import dev.stepwise.prover.eval.RunObserver;
import dev.stepwise.search.AttemptId;
import dev.stepwise.search.SearchProgress;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Says how to continue a run that a signal stopped. On SIGTERM or Ctrl-C the JVM runs its
 * shutdown hooks and exits with 128 + the signal (143, 130); every finished problem is already
 * committed to the store, so the one thing missing is the line saying how to go on. Armed once
 * the run has a name, disarmed when the command ends by itself (its own output then says what
 * to do). As a {@link RunObserver} it passes everything on to the display it wraps.
 */
public final class StopHint implements RunObserver, AutoCloseable {
    private final PrintWriter err;
    private final UnaryOperator<String> resumeCommand;
    private final RunObserver display;
    private final AtomicReference<Thread> hook = new AtomicReference<>();

    /** @param resumeCommand from the run's name to the command that continues it */
    public StopHint(PrintWriter err, UnaryOperator<String> resumeCommand, RunObserver display) {
        this.err = Objects.requireNonNull(err, "err");
        this.resumeCommand = Objects.requireNonNull(resumeCommand, "resumeCommand");
        this.display = Objects.requireNonNull(display, "display");
    }

    /** A hint armed now, for a job whose resume command does not depend on a run's name (a round). */
    public static StopHint armed(PrintWriter err, String resumeCommand) {
        StopHint hint = new StopHint(err, run -> resumeCommand, RunObserver.NONE);
        hint.arm("");
        return hint;
    }

    /** Prints the hint if the JVM is stopped before {@link #close}; once. */
    public void arm(String run) {
        String line = "stepwise: stopped before the run finished; what it finished is stored; continue with: "
                + resumeCommand.apply(run);
        Thread t = new Thread(() -> {
            err.println(line);
            err.flush();
        }, "stop-hint");
        if (hook.compareAndSet(null, t)) {
            Runtime.getRuntime().addShutdownHook(t);
        }
    }

    @Override
    public void runStarted(String run, int total, int alreadyDone, int alreadySolved, boolean resumed) {
        arm(run);
        display.runStarted(run, total, alreadyDone, alreadySolved, resumed);
    }

    @Override
    public void warning(String line) {
        display.warning(line);
    }

    @Override
    public void alreadyComplete(String run) {
        display.alreadyComplete(run);
    }

    @Override
    public void progress(AttemptId attempt, SearchProgress progress) {
        display.progress(attempt, progress);
    }

    @Override
    public void problemFinished(ProblemDone result, int done, int solved, int total) {
        display.problemFinished(result, done, solved, total);
    }

    @Override
    public void waiting(String what) {
        display.waiting(what);
    }

    @Override
    public void runFinished(LeanUsage lean) {
        display.runFinished(lean);
    }

    @Override
    public void close() {
        Thread t = hook.getAndSet(null);
        if (t != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(t);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: the hint is being printed, as it should be.
            }
        }
    }
}
