package dev.stepwise.prover.eval;

import dev.stepwise.prover.store.Run;
import dev.stepwise.prover.store.RunId;
import dev.stepwise.prover.store.RunStatus;
import dev.stepwise.prover.store.Store;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finding the run a request continues, and naming a new one: looked up once, before Lean
 * starts, under the store's lookup lock ({@link RunLock#lookingUp}), so two invocations never
 * take the same run or the same name.
 */
public final class RunLookup {
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private RunLookup() {
    }

    /**
     * The run this request continues, if any: the named run, or the latest run with the same
     * configuration (a finished one has nothing left to do, and its results are reported again).
     */
    static Optional<Run> existing(Store store, EvalRequest request) {
        return request.name() != null ? store.runs().findByName(request.name())
                : store.runs().findLatest(request.kind(), request.config().toJson());
    }

    /**
     * Looks the request's run up, once, before Lean starts: a finished run to report again, an
     * unfinished one to continue (locked from now on), or none yet. The caller closes the claim
     * after the run.
     *
     * @throws RunBusyException if another invocation is running that run right now
     */
    public static RunClaim claim(Store store, EvalRequest request) {
        return RunLock.lookingUp(store, () -> {
            Optional<Run> found = existing(store, request);
            if (found.isEmpty()) {
                return new RunClaim.Fresh();
            }
            Run run = found.get();
            if (run.kind() == request.kind() && store.problems().unfinished(run.id()).isEmpty()
                    && store.problems().list(run.id()).size() == request.problems().size()) {
                return new RunClaim.Finished(run);
            }
            return new RunClaim.Held(run, RunLock.acquire(store, run));
        });
    }

    /**
     * The runs stored as running that no invocation is running: a process killed without a word
     * (kill -9, power loss, SIGTERM before it could write) leaves its run {@code running}, but
     * its lock went with it. Looked at under the lookup lock, so a run an invocation is just
     * taking is never seen free, and the look never makes that invocation find it busy.
     */
    public static Set<RunId> abandoned(Store store, Collection<Run> runs) {
        List<Run> running = runs.stream().filter(r -> r.status() == RunStatus.RUNNING).toList();
        if (running.isEmpty()) {
            return Set.of();
        }
        if (!RunLock.anyLocks(store)) {
            return running.stream().map(Run::id).collect(Collectors.toSet());
        }
        return RunLock.lookingUp(store, () -> running.stream().filter(r -> !RunLock.isHeld(store, r)).map(Run::id)
                .collect(Collectors.toSet()));
    }

    /**
     * {@code wanted}, or the first of {@code wanted-2}, {@code wanted-3}, … that no run bears: a
     * default name is stamped to the second, and two runs of the same dataset with different
     * settings may start within one (called under the lookup lock, so no other invocation takes the
     * name between this look and the run's creation).
     */
    static String freeName(Store store, String wanted) {
        String name = wanted;
        for (int n = 2; store.runs().findByName(name).isPresent(); n++) {
            name = wanted + "-" + n;
        }
        return name;
    }

    /**
     * The name of a run the user did not name: its kind, the dataset's short name and the time, to
     * the second. A file or directory gives its base name without the extension
     * ({@code /tmp/mine/mine.lean} gives {@code prove-mine-…}), so the name does not repeat the path.
     */
    static String defaultName(EvalRequest request, Instant now) {
        String base = shortName(request.config().dataset());
        return request.kind().code() + "-" + (base.isEmpty() ? "" : base + "-") + NAME_TIME.format(now);
    }

    /** A dataset name as it is, a path as its base name without .lean/.jsonl: letters, digits, '_', '.', '-', at most 40. */
    static String shortName(String dataset) {
        String base = dataset.replaceAll("[/\\\\]+$", "");
        base = base.substring(Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\')) + 1);
        base = base.replaceFirst("\\.(lean|jsonl)$", "").replaceAll("[^A-Za-z0-9_.-]+", "-").replaceAll("^[.-]+|-+$", "");
        return base.length() > 40 ? base.substring(0, 40) : base;
    }
}
