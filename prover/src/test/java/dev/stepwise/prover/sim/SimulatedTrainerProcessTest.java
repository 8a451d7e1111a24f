package dev.stepwise.prover.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.prover.sim.train.AdapterFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated trainer as a round starts it ({@link SimulatedStack#trainerCommand}): the same
 * adapter, output line, error and exit code as {@code stepwise sim train} (see SimCommandTest).
 */
class SimulatedTrainerProcessTest {
    private record Ran(int exit, String out, String err) {
    }

    private static Ran run(Path dir, List<String> args) throws Exception {
        Process p = new ProcessBuilder(SimulatedStack.trainerCommand(args)).directory(dir.toFile()).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Ran(p.waitFor(), out, err);
        } finally {
            ReplProcesses.kill(p);
        }
    }

    @Test
    void trainsAsTheCommandDoesAndRefusesABadLineAlike(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("r1.jsonl"), "{\"prompt\": \"⊢ 1 = 1\", \"completion\": \"rfl\"}\n");
        Files.writeString(dir.resolve("r2.jsonl"), "{\"prompt\": \"⊢ 3 = 3\", \"chosen\": \"simp\", \"rejected\": \"omega\"}\n");
        Ran r1 = run(dir, List.of("--train-file", "r1.jsonl", "--base-model", "m", "--init-model", "m", "--output-dir", "round1"));
        assertEquals(0, r1.exit(), r1.err());
        assertEquals("SIMULATED training: 1 examples (1 distinct prompts) -> adapter " + dir.resolve("round1").toRealPath() + " for m\n",
                r1.out());
        Ran r2 = run(dir, List.of("--train-file", "r2.jsonl", "--base-model", "m", "--init-model", "round1", "--output-dir", "round2"));
        assertEquals(0, r2.exit(), r2.err());
        assertEquals(List.of("rfl", "simp"),
                new AdapterFile().read(dir.resolve("round2")).examples().stream().map(e -> e.completion()).toList());

        Files.writeString(dir.resolve("bad.jsonl"), "{\"prompt\": \"a\", \"completion\": \"b\"}\n{\"prompt\": 3}\n");
        Ran bad = run(dir, List.of("--train-file", "bad.jsonl", "--base-model", "m", "--output-dir", "x"));
        assertEquals(2, bad.exit());
        assertEquals("stepwise: sim train: " + dir.toRealPath().resolve("bad.jsonl") + ":2: expected string fields \"prompt\" and"
                + " \"completion\" (or \"chosen\"), or \"messages\" (or a conversational \"prompt\" and \"completion\") with a user"
                + " and an assistant turn\n", bad.err());
    }
}
