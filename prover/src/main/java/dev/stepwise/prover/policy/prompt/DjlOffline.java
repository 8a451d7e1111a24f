package dev.stepwise.prover.policy.prompt;

/**
 * Keeps DJL off the network. The launcher and surefire already pass {@code -Dai.djl.offline=true};
 * a JVM started some other way (an IDE, {@code java -jar}) gets it here, before any DJL class is
 * touched, because DJL otherwise calls a cloud metadata address and a telemetry endpoint.
 */
final class DjlOffline {
    static final String PROPERTY = "ai.djl.offline";

    private DjlOffline() {
    }

    static void ensure() {
        if (!"true".equals(System.getProperty(PROPERTY))) {
            System.setProperty(PROPERTY, "true");
        }
    }
}
