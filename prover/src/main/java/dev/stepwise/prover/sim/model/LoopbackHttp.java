package dev.stepwise.prover.sim.model;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stepwise.prover.policy.client.SimulatedServerHeader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The simulated server's HTTP plumbing on the loopback interface: one virtual thread per request,
 * each request's body read whole and handed to the endpoint of its exact path, and every reply
 * marked with {@link SimulatedServerHeader}.
 */
final class LoopbackHttp implements AutoCloseable {
    private final JsonReplies json;
    private HttpServer server;
    private ExecutorService executor;

    LoopbackHttp(JsonReplies json) {
        this.json = json;
    }

    /** Binds 127.0.0.1:{@code port} ({@code 0} picks a free port); nothing is served until {@link #serve}. */
    void bind(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
    }

    /**
     * Starts answering. Each server answers only on its real routes (a prefix is not enough), so
     * a client that calls the wrong one gets the 404 the real server would give.
     */
    void serve(Map<String, Route> routes) {
        Map<String, Route> exact = Map.copyOf(routes);
        server.createContext("/", ex -> {
            Route endpoint = exact.get(ex.getRequestURI().getPath());
            handle(ex, endpoint != null ? endpoint : r -> new Reply(404, "application/json", "{\"detail\":\"Not Found\"}"));
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    private void handle(HttpExchange ex, Route endpoint) throws IOException {
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            Reply reply;
            try {
                reply = endpoint.serve(new Route.Request(ex.getRequestMethod(), body));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                reply = json.error(500, "InternalServerError", "simulated server failed: " + e);
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", reply.contentType());
            ex.getResponseHeaders().set(SimulatedServerHeader.NAME, "true");
            ex.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}
