package dev.stepwise.prover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSecretTest {
    @TempDir
    Path dir;

    @Test
    void configShowMasksTheApiKeyFromEveryLayer() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Invocation app = new Invocation(Map.of("STEPWISE_MODEL_API_KEY", "sk-from-env-1234"), dir, dir);
        int code = new Cli(app).execute(new PrintWriter(out), new PrintWriter(err), "config", "show");
        assertEquals(0, code, err.toString());
        String text = out.toString();
        assertFalse(text.contains("sk-from-env-1234"), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("model.api-key") && l.contains("= ****") && l.contains("env STEPWISE_MODEL_API_KEY")),
                text);

        StringWriter out2 = new StringWriter();
        new Cli(new Invocation(Map.of(), dir, dir)).execute(new PrintWriter(out2), new PrintWriter(new StringWriter()),
                "--set", "model.api-key=sk-flag-5678", "config", "show", "--describe");
        assertFalse(out2.toString().contains("sk-flag-5678"), out2.toString());
        assertTrue(out2.toString().contains("never printed"), out2.toString());
    }

    @Test
    void anUnsetKeyShowsEmpty() {
        StringWriter out = new StringWriter();
        new Cli(new Invocation(Map.of(), dir, dir)).execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "config", "show");
        assertTrue(out.toString().lines().anyMatch(l -> l.matches("model\\.api-key\\s+=\\s+\\(default\\)")), out.toString());
    }
}
