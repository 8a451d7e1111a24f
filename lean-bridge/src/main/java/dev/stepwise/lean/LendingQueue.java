package dev.stepwise.lean;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pool's members and who gets them: the idle processes, the callers waiting, and which caller
 * a process that comes back goes to. Kept apart from {@link ReplPool} as HikariCP keeps its
 * {@code ConcurrentBag} apart from {@code HikariPool}: the pool decides when processes start and
 * retire, this decides who holds them.
 *
 * <p>Proof states live in the process that made them, so most callers want one particular
 * process. Callers that find no process for them wait in one queue, in order of arrival; a
 * process that comes back goes straight to the first caller it suits (one it owns state for, or
 * one any process will do for), and a process is idle only when no waiting caller can use it. A
 * caller waits for its busy owner at most the owner wait; before that, a process that would
 * otherwise sit idle takes over the caller that has the most commands queued ahead of it at its
 * owner, when rebuilding its state there costs fewer commands than that wait.
 */
final class LendingQueue {
    /** What the queue asks of its pool before and while a caller waits. */
    interface Admission {
        /** Whether the pool still lends (it is running and has not given up starting processes). */
        boolean lending();

        /** Throws, for this caller, why the pool lends no more; returns if it still lends. */
        void requireLending();

        /** The failure for a caller whose lease timeout ran out, with the queue's counts. */
        ReplPoolTimeoutException timedOut(int total, int idle, int waiting);
    }

    private final String name;
    private final PoolTally tally;
    private final Admission admission;
    /** Guards {@link #idle} and {@link #waiting}, and every move of an entry into or out of them. */
    private final ReentrantLock lendLock = new ReentrantLock();
    /** Free processes, longest idle first: taken in turn, so new proof states spread over all of them. */
    private final ArrayDeque<PooledRepl> idle = new ArrayDeque<>();
    /** Callers no idle process suits, in order of arrival. */
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    /** Every warm process of the pool, leased or not, until it is retired. */
    private final Set<PooledRepl> all = ConcurrentHashMap.newKeySet();

    LendingQueue(String name, PoolTally tally, Admission admission) {
        this.name = name;
        this.tally = tally;
        this.admission = admission;
    }

    /** A caller waiting for a process; guarded by {@link #lendLock}. */
    private final class Waiter {
        final Set<Long> owners;
        final String header;
        final int rebuildCommands;
        /** From this {@link System#nanoTime()} on, any process will do. */
        final long ownerDeadline;
        final Condition handedOver = lendLock.newCondition();
        PooledRepl entry;
        boolean takenOver;

        Waiter(Set<Long> owners, String header, int rebuildCommands, long ownerDeadline) {
            this.owners = owners;
            this.header = header;
            this.rebuildCommands = rebuildCommands;
            this.ownerDeadline = ownerDeadline;
        }

        /** Whether a process other than its owners will do: no owners, owners gone, or waited long enough. */
        boolean anyWillDo(long now) {
            if (owners.isEmpty() || now - ownerDeadline >= 0) {
                return true;
            }
            for (PooledRepl e : all) {
                if (owners.contains(e.id)) {
                    return false;
                }
            }
            return true;
        }

        boolean accepts(PooledRepl e, long now) {
            return owners.contains(e.id) || anyWillDo(now);
        }
    }

    // ------------------------------------------------------------------ members

    /** A new warm process joins the pool and goes to a waiting caller or the idle deque. */
    void add(PooledRepl entry) {
        all.add(entry);
        lend(entry);
    }

    /**
     * A process leaves the pool (it is already REMOVED): callers that waited only for it may now
     * take an idle process rather than wait out their owner wait.
     */
    void remove(PooledRepl entry) {
        all.remove(entry);
        ownersGone();
    }

    /** Every member, for the housekeeper's walk (a live view). */
    Iterable<PooledRepl> members() {
        return all;
    }

    int size() {
        return all.size();
    }

    int idleCount() {
        lendLock.lock();
        try {
            return idle.size();
        } finally {
            lendLock.unlock();
        }
    }

    /**
     * Moves an idle entry to RESERVED for the housekeeper; false when it is not idle any more (a
     * caller took it first).
     */
    boolean reserveIdle(PooledRepl e) {
        lendLock.lock();
        try {
            if (!idle.remove(e)) {
                return false;
            }
            e.move(PooledRepl.State.NOT_IN_USE, PooledRepl.State.RESERVED);
            return true;
        } finally {
            lendLock.unlock();
        }
    }

    /** Wakes every waiting caller, to see that the pool closed or gave up. */
    void wakeAll() {
        lendLock.lock();
        try {
            waiting.forEach(w -> w.handedOver.signal());
        } finally {
            lendLock.unlock();
        }
    }

    /** Empties the pool, at its close, once every member was marked removed and sent to be closed. */
    void clear() {
        all.clear();
        lendLock.lock();
        try {
            idle.clear();
        } finally {
            lendLock.unlock();
        }
    }

    // ------------------------------------------------------------------ lending

    /**
     * An entry moved to IN_USE for the caller: an idle one that suits it, or the first handed to
     * it while it waits.
     *
     * @param ownerDeadline the {@link System#nanoTime()} from which any process will do
     * @param deadline the {@link System#nanoTime()} at which the lease times out
     */
    PooledRepl obtain(Set<Long> owners, String header, int rebuildCommands, long ownerDeadline, long deadline) {
        Waiter w = new Waiter(owners, header, rebuildCommands, ownerDeadline);
        lendLock.lock();
        try {
            admission.requireLending();
            PooledRepl e = takeIdle(w, System.nanoTime());
            if (e != null) {
                return e;
            }
            if (!idle.isEmpty() && queuedAtOwners(w) > w.rebuildCommands) {
                // an idle process, and a longer wait for the owners than a rebuild takes
                tally.takeovers.incrementAndGet();
                return take(anyIdle(w.header));
            }
            tally.waits.incrementAndGet();
            if (!w.anyWillDo(System.nanoTime())) {
                tally.ownerWaits.incrementAndGet();
            }
            waiting.addLast(w);
            boolean anyWillDo = false;
            try {
                while (w.entry == null) {
                    if (!admission.lending()) {
                        waiting.remove(w);
                        admission.requireLending();
                    }
                    long now = System.nanoTime();
                    if (now - deadline >= 0) {
                        waiting.remove(w);
                        throw admission.timedOut(all.size(), idle.size(), waiting.size());
                    }
                    long until = deadline;
                    if (!anyWillDo) {
                        if (w.anyWillDo(now)) {
                            // the owner wait ran out (or the owners died): an idle process will do now
                            anyWillDo = true;
                            e = takeIdle(w, now);
                            if (e != null) {
                                waiting.remove(w);
                                return e;
                            }
                        } else {
                            until = w.ownerDeadline;
                        }
                    }
                    w.handedOver.awaitNanos(until - now);
                }
                if (w.takenOver) {
                    tally.takeovers.incrementAndGet();
                }
                return w.entry;
            } catch (InterruptedException ie) {
                waiting.remove(w);
                if (w.entry != null) {
                    lend(w.entry); // handed over as we were interrupted: to the next caller
                }
                Thread.currentThread().interrupt();
                throw new IllegalStateException(name + ": interrupted while waiting for a REPL", ie);
            }
        } finally {
            lendLock.unlock();
        }
    }

    /** Under the lend lock: an idle entry that suits the waiter, moved to IN_USE, or null. */
    private PooledRepl takeIdle(Waiter w, long now) {
        for (PooledRepl e : idle) {
            if (w.owners.contains(e.id)) {
                return take(e);
            }
        }
        return w.anyWillDo(now) ? take(anyIdle(w.header)) : null;
    }

    /** Under the lend lock: an idle entry with the header warm, else the one idle longest, else null. */
    private PooledRepl anyIdle(String header) {
        for (PooledRepl e : idle) {
            if (e.hasEnv(header)) {
                return e;
            }
        }
        return idle.peekFirst();
    }

    /** Under the lend lock: moves an idle entry (or null) to IN_USE. */
    private PooledRepl take(PooledRepl e) {
        if (e == null) {
            return null;
        }
        idle.remove(e);
        if (!e.move(PooledRepl.State.NOT_IN_USE, PooledRepl.State.IN_USE)) {
            throw new IllegalStateException(name + ": idle entry " + e + " was not free");
        }
        return e;
    }

    /** Under the lend lock: callers queued for the least busy of the waiter's owners. */
    private int queuedAtOwners(Waiter w) {
        int least = Integer.MAX_VALUE;
        for (Long owner : w.owners) {
            int n = 0;
            for (Waiter q : waiting) {
                if (q.owners.contains(owner)) {
                    n++;
                }
            }
            least = Math.min(least, n);
        }
        return w.owners.isEmpty() ? 0 : least;
    }

    /**
     * Under the lend lock (or taking it): hands a healthy entry, IN_USE or NOT_IN_USE, to the first
     * waiting caller it suits, else to a caller worth taking over, else puts it at the back of the
     * idle deque.
     */
    void lend(PooledRepl entry) {
        lendLock.lock();
        try {
            long now = System.nanoTime();
            Waiter chosen = null;
            for (Waiter w : waiting) {
                if (w.accepts(entry, now)) {
                    chosen = w;
                    break;
                }
            }
            if (chosen == null) {
                chosen = worthTakingOver();
                if (chosen != null) {
                    chosen.takenOver = true;
                }
            }
            if (chosen == null) {
                entry.move(PooledRepl.State.IN_USE, PooledRepl.State.NOT_IN_USE);
                idle.addLast(entry);
                return;
            }
            waiting.remove(chosen);
            entry.move(PooledRepl.State.NOT_IN_USE, PooledRepl.State.IN_USE);
            chosen.entry = entry;
            chosen.handedOver.signal();
        } finally {
            lendLock.unlock();
        }
    }

    /**
     * Under the lend lock, for a process that no waiting caller accepts (so every one of them waits
     * for its owners): the caller with the most commands queued ahead of it at its owners beyond
     * what rebuilding its state costs, or null when rebuilding costs at least the wait for everyone.
     */
    private Waiter worthTakingOver() {
        Map<Long, Integer> queued = new HashMap<>();
        Waiter best = null;
        int bestGain = 0;
        for (Waiter w : waiting) {
            int ahead = Integer.MAX_VALUE;
            for (Long owner : w.owners) {
                ahead = Math.min(ahead, queued.getOrDefault(owner, 0));
            }
            for (Long owner : w.owners) {
                queued.merge(owner, 1, Integer::sum);
            }
            int gain = ahead - w.rebuildCommands;
            if (gain > bestGain || (gain == bestGain && gain > 0)) {
                best = w;
                bestGain = gain;
            }
        }
        return best;
    }

    private void ownersGone() {
        lendLock.lock();
        try {
            long now = System.nanoTime();
            for (Iterator<Waiter> it = waiting.iterator(); it.hasNext() && !idle.isEmpty();) {
                Waiter w = it.next();
                if (w.anyWillDo(now)) {
                    PooledRepl e = takeIdle(w, now);
                    if (e != null) {
                        it.remove();
                        w.entry = e;
                        w.handedOver.signal();
                    }
                }
            }
        } finally {
            lendLock.unlock();
        }
    }
}
