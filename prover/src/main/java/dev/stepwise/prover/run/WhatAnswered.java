package dev.stepwise.prover.run;

import dev.stepwise.lean.Message;
import dev.stepwise.lean.ReplLease;
import dev.stepwise.lean.ReplPool;
import dev.stepwise.lean.ReplRequest;
import dev.stepwise.lean.ReplResponse;
import dev.stepwise.prover.lean.SimulatedReplProbe;
import dev.stepwise.prover.policy.PolicyConfig;
import dev.stepwise.prover.policy.client.SimulatedServerHeader;
import dev.stepwise.prover.store.Simulation;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Whether the REPL processes and the model servers a run talks to are the simulator, asked of
 * them rather than of the configuration: the simulator's REPL and server name themselves
 * ({@link SimulatedReplProbe}, {@link SimulatedServerHeader}). Only evidence of the simulator counts; a
 * server that cannot be reached says nothing (the run itself then fails on it).
 */
public final class WhatAnswered {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private WhatAnswered() {
    }

    /**
     * Asks one process of {@code pool} the probe command. It runs in a fresh environment: a real
     * REPL elaborates a comment and answers with no message, however Lean was set up.
     */
    static Simulation repl(ReplPool pool, List<String> headers) {
        try (ReplLease lease = pool.lease(headers.isEmpty() ? "" : headers.getFirst())) {
            ReplResponse answer = lease.send(ReplRequest.Command.fresh(SimulatedReplProbe.COMMAND));
            return answer instanceof ReplResponse.CommandResult r && r.messages().stream().map(Message::data)
                    .anyMatch(SimulatedReplProbe.ANSWER::equals) ? Simulation.SIMULATED : Simulation.REAL;
        }
    }

    /** Asks every model server of {@code config} for its models; one simulated server makes the run SIMULATED. */
    public static Simulation servers(OkHttpClient http, PolicyConfig config) {
        return switch (config) {
            case PolicyConfig.Portfolio p -> Simulation.REAL;
            case PolicyConfig.Server s -> {
                OkHttpClient probe = http.newBuilder().callTimeout(PROBE_TIMEOUT).build();
                for (HttpUrl base : s.client().urls()) {
                    if (simulated(probe, base)) {
                        yield Simulation.SIMULATED;
                    }
                }
                yield Simulation.REAL;
            }
        };
    }

    private static boolean simulated(OkHttpClient http, HttpUrl base) {
        // The same path joining as the completions client: the base URL plus "v1/...".
        HttpUrl url = base.newBuilder().addPathSegments("v1/models").build();
        Request.Builder request = new Request.Builder().url(url).get();
        try (Response r = http.newCall(request.build()).execute()) {
            return r.header(SimulatedServerHeader.NAME) != null;
        } catch (IOException e) {
            return false;
        }
    }
}
