package dev.stepwise.prover.policy.prompt;

/** The fallback budget when no tokenizer is configured: Unicode code points, not UTF-16 units. */
public final class CharCounter implements TokenCounter {
    @Override
    public int count(String text) {
        return text.codePointCount(0, text.length());
    }

    @Override
    public String unit() {
        return "chars";
    }
}
