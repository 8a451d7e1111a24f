package dev.stepwise.prover.sim.model;

/** One route of the simulated server: the request's method and body in, a reply out. */
@FunctionalInterface
interface Route {
    Reply serve(Request r) throws InterruptedException;

    /** What an endpoint reads of an HTTP request: its method and its whole body. */
    record Request(String method, byte[] body) {
    }
}
