package dev.stepwise.prover.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The rate of work of a shared run while every worker's every search slot was busy: from the
 * first moment {@code slots} problems were in hand at once (the last worker to start had filled
 * its slots) to the last claim (after it the queue is empty and the slots drain). Worker start-up
 * (JVMs, Lean warm-up, a few seconds apart on a loaded host) and the drain at the end are left
 * out, so one worker and K workers are compared at their steady pace. Each problem's work counts
 * in proportion to the part of its claim-to-finish span inside the window.
 *
 * @param window the steady window, or the whole span of the run when the slots were never all
 *     busy before the last claim (a run too small to have a steady part)
 * @param steady whether {@code window} is the steady one
 * @param workPerSecond work units (expansions) per second in the window
 * @param problemsPerSecond problems per second in the window, counted the same way
 */
record SteadyRate(Duration window, boolean steady, double workPerSecond, double problemsPerSecond) {

    /** One problem as the store has it: claimed at {@code start}, finished at {@code end}, with its work. */
    record Span(Instant start, Instant end, long work) {
        Span {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (end.isBefore(start)) {
                throw new IllegalArgumentException("span ends before it starts: " + start + " .. " + end);
            }
        }
    }

    static SteadyRate of(List<Span> spans, int slots) {
        if (spans.isEmpty()) {
            throw new IllegalArgumentException("no problems to measure");
        }
        Instant lastClaim = spans.stream().map(Span::start).max(Comparator.naturalOrder()).orElseThrow();
        Instant full = firstFull(spans, slots);
        boolean steady = full != null && full.isBefore(lastClaim);
        Instant from = steady ? full : spans.stream().map(Span::start).min(Comparator.naturalOrder()).orElseThrow();
        Instant to = steady ? lastClaim : spans.stream().map(Span::end).max(Comparator.naturalOrder()).orElseThrow();
        double seconds = Duration.between(from, to).toNanos() / 1e9;
        double work = 0;
        double problems = 0;
        for (Span s : spans) {
            double share = share(s, from, to);
            work += share * s.work();
            problems += share;
        }
        return new SteadyRate(Duration.between(from, to), steady, work / seconds, problems / seconds);
    }

    /** The first moment {@code slots} spans were open at once, or null if never. */
    private static Instant firstFull(List<Span> spans, int slots) {
        record Event(Instant at, int change) {
        }
        List<Event> events = new ArrayList<>();
        for (Span s : spans) {
            events.add(new Event(s.start(), 1));
            events.add(new Event(s.end(), -1));
        }
        // At one instant, finishes before claims: a slot handed straight on was never two slots.
        events.sort(Comparator.comparing(Event::at).thenComparing(Event::change));
        int open = 0;
        for (Event e : events) {
            open += e.change();
            if (open >= slots) {
                return e.at();
            }
        }
        return null;
    }

    /** The part of the span inside [from, to]; a span of no length counts whole if it lies inside. */
    private static double share(Span s, Instant from, Instant to) {
        long length = Duration.between(s.start(), s.end()).toNanos();
        if (length == 0) {
            return !s.start().isBefore(from) && !s.start().isAfter(to) ? 1 : 0;
        }
        Instant a = s.start().isAfter(from) ? s.start() : from;
        Instant b = s.end().isBefore(to) ? s.end() : to;
        return b.isAfter(a) ? (double) Duration.between(a, b).toNanos() / length : 0;
    }
}
