package dev.stepwise.prover.sim.model;

/** What an endpoint of the simulated server answers: the status, the content type and the body. */
record Reply(int status, String contentType, String body) {
}
