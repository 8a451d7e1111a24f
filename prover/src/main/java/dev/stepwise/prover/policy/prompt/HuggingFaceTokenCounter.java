package dev.stepwise.prover.policy.prompt;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Counts tokens with the model's own {@code tokenizer.json} through DJL's HuggingFace tokenizers,
 * loaded from a path (a hub name would download) with DJL offline, no truncation (DJL cuts at 512
 * by default) and no special tokens (the templates write their own).
 *
 * <p>The calls are native and pin a virtual thread's carrier: callers run them on a small
 * bounded executor.
 */
public final class HuggingFaceTokenCounter implements TokenCounter, AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final Path path;

    private HuggingFaceTokenCounter(HuggingFaceTokenizer tokenizer, Path path) {
        this.tokenizer = tokenizer;
        this.path = path;
    }

    /** Loads {@code tokenizer.json} (or the directory holding it). */
    public static HuggingFaceTokenCounter load(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve("tokenizer.json") : path;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("tokenizer file " + file + " does not exist (model.tokenizer must be the model's tokenizer.json)");
        }
        DjlOffline.ensure();
        try {
            HuggingFaceTokenizer t = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(file)
                    .optTruncation(false)
                    .optAddSpecialTokens(false)
                    .optPadding(false)
                    .build();
            return new HuggingFaceTokenCounter(t, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load tokenizer " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("tokenizer file " + file + " is not a usable tokenizer.json: " + e.getMessage(), e);
        }
    }

    @Override
    public int count(String text) {
        return tokenizer.encode(text, false, false).getIds().length;
    }

    @Override
    public String unit() {
        return "tokens";
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
