package dev.stepwise.prover.sim.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in tokenizer: words, numbers and single symbols, each token carrying the spaces before
 * it (as BPE tokenizers do). Only the simulation uses it: it decides token counts, log-prob
 * positions and where {@code max_tokens} cuts.
 */
final class Tokens {
    private static final Pattern TOKEN = Pattern.compile("\\s*(?:[\\p{L}_][\\p{L}\\p{N}_'.]{0,5}|\\p{N}{1,3}|\\S)|\\s+");

    private Tokens() {
    }

    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    static int count(String text) {
        int n = 0;
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            n++;
        }
        return n;
    }
}
