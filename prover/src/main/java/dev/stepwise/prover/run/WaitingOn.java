package dev.stepwise.prover.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a run's searches wait for at one instant: their calls out to Lean and to the model server,
 * and the Lean pool's processes (leased, idle, starting). A run that makes no progress for a
 * while says so in one line ({@link #describe}), e.g. {@code 2 tactics running 41 s (deadline
 * 60 s per try) on p17, p23}, so a user can tell a hung tactic from a slow model from a REPL restart.
 *
 * @param at when the snapshot was taken
 * @param calls the calls in flight, in any order
 * @param processes Lean processes alive and warm
 * @param idle of those, not leased
 * @param starting Lean processes being started or waiting to be restarted
 * @param leanDeadline the deadline of one Lean request ({@code lean.tactic-timeout})
 */
public record WaitingOn(Instant at, List<Call> calls, int processes, int idle, int starting, Duration leanDeadline) {
    /** Theorems named at most, so the line stays one line. */
    private static final int NAMED = 4;

    public WaitingOn {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(leanDeadline, "leanDeadline");
        calls = calls.stream().sorted(Comparator.comparing(Call::since)).toList();
    }

    /** What a call waits on. */
    public enum Kind {
        /** Lean elaborating a theorem's statement to start its search. */
        STATEMENT("statement", "statements"),
        /** Lean running a tactic. */
        TACTIC("tactic", "tactics"),
        /** The model server answering a request for tactics. */
        MODEL("model request", "model requests");

        private final String one;
        private final String many;

        Kind(String one, String many) {
            this.one = one;
            this.many = many;
        }

        String count(long n) {
            return n + " " + (n == 1 ? one : many);
        }
    }

    /** One call in flight: what it waits on, for which theorem, since when. */
    public record Call(Kind kind, String theorem, Instant since) {
        public Call {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(theorem, "theorem");
            Objects.requireNonNull(since, "since");
        }
    }

    /**
     * One line: the Lean calls running on busy processes (the oldest ones: a process runs one
     * request at a time) with the longest time one has run, the deadline and their theorems; those
     * waiting for a process; processes starting; model requests not yet answered.
     */
    public String describe() {
        List<Call> lean = calls.stream().filter(c -> c.kind() != Kind.MODEL).toList();
        List<Call> model = calls.stream().filter(c -> c.kind() == Kind.MODEL).toList();
        int busy = Math.max(0, processes - idle);
        List<Call> running = lean.subList(0, Math.min(lean.size(), busy));
        List<String> parts = new ArrayList<>();
        if (!running.isEmpty()) {
            long tactics = running.stream().filter(c -> c.kind() == Kind.TACTIC).count();
            String what = tactics == running.size() ? Kind.TACTIC.count(tactics)
                    : tactics == 0 ? Kind.STATEMENT.count(running.size()) : running.size() + " Lean calls";
            // A call's time includes its tries on fresh processes after a timeout or crash: the deadline is per try.
            parts.add(String.format(Locale.ROOT, "%s running %s (deadline %s per try) on %s", what, age(running.getFirst()),
                    seconds(leanDeadline), names(running)));
        }
        if (lean.size() > running.size()) {
            parts.add((lean.size() - running.size()) + " more Lean " + (lean.size() - running.size() == 1 ? "call" : "calls")
                    + " waiting for a process (" + (processes == 0 ? "none is up" : busy + " of " + processes + " busy") + ")");
        }
        if (starting > 0) {
            parts.add(starting + " Lean " + (starting == 1 ? "process" : "processes") + " starting or restarting");
        }
        if (!model.isEmpty()) {
            parts.add(String.format(Locale.ROOT, "%s unanswered for up to %s by the model server on %s",
                    Kind.MODEL.count(model.size()), age(model.getFirst()), names(model)));
        }
        if (parts.isEmpty()) {
            return "nothing out to Lean or the model server";
        }
        return String.join("; ", parts);
    }

    private String age(Call c) {
        return seconds(Duration.between(c.since(), at));
    }

    private static String names(List<Call> calls) {
        List<String> distinct = calls.stream().map(Call::theorem).distinct().toList();
        String shown = String.join(", ", distinct.subList(0, Math.min(NAMED, distinct.size())));
        return distinct.size() > NAMED ? shown + " and " + (distinct.size() - NAMED) + " more" : shown;
    }

    /** {@code 41 s}, {@code 2.5 s}: whole seconds from ten on. */
    static String seconds(Duration d) {
        double s = Math.max(0, d.toMillis()) / 1000.0;
        return s >= 10 ? String.format(Locale.ROOT, "%.0f s", Math.floor(s)) : String.format(Locale.ROOT, "%.1f s", s);
    }
}
