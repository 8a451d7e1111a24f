package dev.stepwise.prover.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.search.PolicyRequest;
import dev.stepwise.search.PolicyUnavailableException;
import dev.stepwise.search.ProofState;
import dev.stepwise.search.StateHandle;
import dev.stepwise.search.Suggestions;
import dev.stepwise.search.TacticPolicy;
import dev.stepwise.search.Theorem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class InFlightLimitedPolicyTest {

    /** Records calls and leaves their futures for the test to complete. */
    private static final class Pending implements TacticPolicy {
        final List<PolicyRequest> calls = new ArrayList<>();
        final List<CompletableFuture<Suggestions>> futures = new ArrayList<>();

        @Override
        public synchronized CompletableFuture<Suggestions> suggest(PolicyRequest request) {
            CompletableFuture<Suggestions> f = new CompletableFuture<>();
            calls.add(request);
            futures.add(f);
            return f;
        }
    }

    private static PolicyRequest request(int count) {
        return new PolicyRequest(new Theorem("t", "", "theorem t : True := by"), new ProofState(new StateHandle() { }, "⊢ True", 1),
                List.of(), count, 1.0, count);
    }

    private static final Suggestions EMPTY = new Suggestions(List.of(), 0, 0);

    @Test
    void requestsBeyondTheLimitWaitInOrderAndStartAsSamplesFinish() {
        Pending inner = new Pending();
        InFlightLimitedPolicy p = new InFlightLimitedPolicy(inner, 8);
        CompletableFuture<Suggestions> r1 = p.suggest(request(4));
        p.suggest(request(4));
        p.suggest(request(8));
        p.suggest(request(2));
        assertEquals(2, inner.calls.size(), "4 + 4 fill the limit of 8");
        assertEquals(8, p.inFlight());
        inner.futures.get(0).complete(EMPTY);
        assertSame(EMPTY, r1.join());
        // The 8-sample request at the head waits for room; the 2-sample one behind it does not overtake it.
        assertEquals(2, inner.calls.size());
        inner.futures.get(1).complete(EMPTY);
        assertEquals(3, inner.calls.size());
        assertEquals(8, inner.calls.get(2).count());
        inner.futures.get(2).complete(EMPTY);
        assertEquals(4, inner.calls.size());
        assertEquals(2, p.inFlight());
    }

    @Test
    void aRequestLargerThanTheLimitCountsAsTheWholeLimit() {
        Pending inner = new Pending();
        InFlightLimitedPolicy p = new InFlightLimitedPolicy(inner, 4);
        p.suggest(request(32));
        assertEquals(1, inner.calls.size());
        assertEquals(4, p.inFlight());
        p.suggest(request(1));
        assertEquals(1, inner.calls.size());
    }

    @Test
    void failuresPassThroughAndFreeTheirSlot() {
        Pending inner = new Pending();
        InFlightLimitedPolicy p = new InFlightLimitedPolicy(inner, 1);
        CompletableFuture<Suggestions> first = p.suggest(request(1));
        CompletableFuture<Suggestions> second = p.suggest(request(1));
        inner.futures.get(0).completeExceptionally(new PolicyUnavailableException("server gone"));
        ExecutionException e = assertThrows(ExecutionException.class, first::get);
        assertTrue(e.getCause() instanceof PolicyUnavailableException);
        assertEquals("server gone", e.getCause().getMessage());
        assertEquals(2, inner.calls.size(), "the waiting request started once the slot was free");
        inner.futures.get(1).complete(EMPTY);
        assertSame(EMPTY, second.join());
        assertEquals(0, p.inFlight());
    }

    @Test
    void aDelegateThatThrowsStillReleases() {
        InFlightLimitedPolicy p = new InFlightLimitedPolicy(r -> {
            throw new PolicyUnavailableException("no");
        }, 1);
        assertThrows(ExecutionException.class, () -> p.suggest(request(1)).get());
        assertEquals(0, p.inFlight());
    }

    @Test
    void limitMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new InFlightLimitedPolicy(new Pending(), 0));
        assertEquals("in-flight limit must be >= 1, got 0", e.getMessage());
    }
}
