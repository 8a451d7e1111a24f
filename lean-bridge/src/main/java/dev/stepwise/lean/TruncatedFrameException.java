package dev.stepwise.lean;

/**
 * The stream ended in the middle of a response. From a live REPL that is a crash, never a
 * parse error: the process died or closed its output while answering.
 */
public final class TruncatedFrameException extends ReplProtocolException {
    private static final long serialVersionUID = 1L;
    private final transient Frame partial;

    public TruncatedFrameException(Frame partial) {
        super(partial.position("response") + " ends without its empty line: the stream stopped in the middle of it");
        this.partial = partial;
    }

    /** What had arrived before the end. */
    public Frame partial() {
        return partial;
    }
}
