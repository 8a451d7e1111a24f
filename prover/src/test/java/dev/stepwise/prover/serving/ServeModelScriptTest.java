package dev.stepwise.prover.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.policy.prompt.PromptTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code make serve-model} (scripts/serve-model.sh) with a stand-in {@code vllm} on PATH that
 * records its arguments and the environment it was started with: the server it starts must be one
 * that every documented feature works against (runtime LoRA loading, log-probs, the template's
 * context, InternLM's remote code).
 */
class ServeModelScriptTest {
    private static final Path SCRIPT = Path.of("..", "scripts", "serve-model.sh").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private record Run(int exit, List<String> args, String loraUpdating, String output) {
    }

    private Run run(Map<String, String> env, String... args) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path vllm = bin.resolve("vllm");
        Files.writeString(vllm, """
                #!/usr/bin/env bash
                printf '%s\\n' "$@" > "$STANDIN_LOG"
                printf '%s' "${VLLM_ALLOW_RUNTIME_LORA_UPDATING:-unset}" > "$STANDIN_LOG.env"
                """);
        Files.setPosixFilePermissions(vllm, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path log = dir.resolve("vllm.args");
        Files.deleteIfExists(log);
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("VLLM") || k.equals("TEMPLATE") || k.equals("MAX_MODEL_LEN")
                || k.equals("MAX_LORA_RANK") || k.equals("LOGPROBS_MODE") || k.equals("PORT"));
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        pb.environment().put("STANDIN_LOG", log.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        List<String> logged = Files.exists(log) ? Files.readAllLines(log) : List.of();
        String lora = Files.exists(dir.resolve("vllm.args.env")) ? Files.readString(dir.resolve("vllm.args.env")) : "";
        return new Run(exit, logged, lora, out);
    }

    private static String after(List<String> args, String flag) {
        int i = args.indexOf(flag);
        return i < 0 || i + 1 >= args.size() ? null : args.get(i + 1);
    }

    @Test
    void bfsProverGetsRuntimeLoraAndItsReleasedContext() throws Exception {
        Run r = run(Map.of(), "ByteDance-Seed/BFS-Prover-V2-7B", "4");
        assertEquals(0, r.exit(), r.output());
        assertEquals(List.of("serve", "ByteDance-Seed/BFS-Prover-V2-7B"), r.args().subList(0, 2));
        assertTrue(r.args().contains("--enable-lora"), r.args().toString());
        assertEquals("16", after(r.args(), "--max-lora-rank"));
        assertEquals("True", r.loraUpdating(), "runtime LoRA loading answers 404 without VLLM_ALLOW_RUNTIME_LORA_UPDATING");
        // BFS-Prover-V2's released search serves 16384 tokens; Stepwise's template says the same.
        assertEquals("16384", after(r.args(), "--max-model-len"));
        assertEquals(String.valueOf(PromptTemplate.named("bfs-prover").released().contextTokens()), after(r.args(), "--max-model-len"));
        assertEquals("4", after(r.args(), "-dp"));
        assertEquals("20", after(r.args(), "--max-logprobs"));
        assertEquals("vllm", after(r.args(), "--generation-config"));
        assertFalse(r.args().contains("--trust-remote-code"));
        assertFalse(r.args().contains("--logprobs-mode"), "raw is vLLM's default; older vLLM has no such flag");
    }

    @Test
    void internLmGetsRemoteCodeAndTheModelsOwnContext() throws Exception {
        Run r = run(Map.of(), "internlm/internlm2_5-step-prover");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.args().contains("--trust-remote-code"), r.args().toString());
        assertFalse(r.args().contains("--max-model-len"), "the InternLM release leaves the context to the model");
        assertEquals(0, PromptTemplate.named("internlm25-stepprover").released().contextTokens());
        assertTrue(r.output().contains("--set model.template=internlm25-stepprover"), r.output());
        Run v2 = run(Map.of("TEMPLATE", "internlm2-stepprover"), "/models/my-internlm2-finetune");
        assertTrue(v2.args().contains("--trust-remote-code"), v2.args().toString());
    }

    @Test
    void settingsComeFromTheEnvironment() throws Exception {
        Run r = run(Map.of("MAX_MODEL_LEN", "8192", "MAX_LORA_RANK", "64", "LOGPROBS_MODE", "processed", "PORT", "9000",
                "VLLM_ARGS", "--max-num-seqs 512"), "ByteDance-Seed/BFS-Prover-V2-7B");
        assertEquals(0, r.exit(), r.output());
        assertEquals("8192", after(r.args(), "--max-model-len"));
        assertEquals("64", after(r.args(), "--max-lora-rank"));
        assertEquals("processed_logprobs", after(r.args(), "--logprobs-mode"));
        assertEquals("9000", after(r.args(), "--port"));
        assertEquals("512", after(r.args(), "--max-num-seqs"));
        assertTrue(r.output().contains("--set model.logprobs-mode=processed"), r.output());
    }

    @Test
    void whatVllmCannotServeIsRefusedWithOneLine() throws Exception {
        Run byt5 = run(Map.of("TEMPLATE", "reprover-byt5"), "kaiyuy/leandojo-lean4-tacgen-byt5-small");
        assertEquals(2, byt5.exit());
        assertTrue(byt5.output().startsWith("serve-model: TEMPLATE=reprover-byt5 is ReProver's ByT5 encoder-decoder model"),
                byt5.output());
        assertEquals(List.of(), byt5.args());
        assertEquals(2, run(Map.of("LOGPROBS_MODE", "logits"), "m").exit());
        assertEquals(2, run(Map.of(), "m", "zero").exit());
        Run none = run(Map.of());
        assertEquals(2, none.exit());
        assertTrue(none.output().startsWith("serve-model: no model given"), none.output());
    }

    @Test
    void withoutVllmItSaysHowToInstallIt() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), "m").redirectErrorStream(true);
        pb.environment().put("PATH", dir + ":/usr/bin:/bin");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(3, p.waitFor());
        assertTrue(out.startsWith("serve-model: vLLM is not installed"), out);
    }
}
