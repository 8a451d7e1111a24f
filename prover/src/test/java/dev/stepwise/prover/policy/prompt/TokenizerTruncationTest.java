package dev.stepwise.prover.policy.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Token budgets with a hand-written tokenizer.json (one token per whitespace-separated word). */
class TokenizerTruncationTest {

    static Path tokenizerPath() throws URISyntaxException {
        return Path.of(TokenizerTruncationTest.class.getResource("/dev/stepwise/prover/policy/tokenizer.json").toURI());
    }

    @Test
    void countsTokensWithoutSpecialTokensOrTruncation() throws Exception {
        try (HuggingFaceTokenCounter t = HuggingFaceTokenCounter.load(tokenizerPath())) {
            assertEquals(6, t.count("⊢ x + y = 0"));
            assertEquals("tokens", t.unit());
            // DJL truncates at 512 by default; a long state must be counted in full.
            assertEquals(2000, t.count("x ".repeat(2000)));
        }
    }

    @Test
    void cutsHypothesesByTokensKeepingTheTarget() throws Exception {
        try (HuggingFaceTokenCounter t = HuggingFaceTokenCounter.load(tokenizerPath())) {
            PromptTemplate reprover = PromptTemplate.named("reprover-vllm");
            String state = "x y : ℝ\nh : x < 1\nh' : y < 1\n⊢ x + y < 1 + 1";
            // "[GOAL]" "[PROOFSTEP]" + target (8 words) + "h' : y < 1" (5 words) = 15 tokens.
            Prompt p = new PromptBuilder(reprover, t, 15).build(new PromptInput("t", "", List.of(), state));
            assertEquals("[GOAL]\nh' : y < 1\n⊢ x + y < 1 + 1\n[PROOFSTEP]\n", p.text());
            assertEquals(15, p.length());
            assertEquals(Truncation.HYPOTHESES, p.truncation());
        }
    }

    @Test
    void worksWithNoNetworkAndDjlIsOffline() throws Exception {
        // Surefire (like bin/stepwise and every benchmark fork) starts the JVM with -Dai.djl.offline=true.
        assertEquals("true", System.getProperty("ai.djl.offline"));
        List<URI> attempts = new CopyOnWriteArrayList<>();
        ProxySelector previous = ProxySelector.getDefault();
        // Every URL connection (DJL uses HttpURLConnection) asks the default proxy selector first:
        // recording those calls shows whether anything tried to leave the machine.
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                String host = uri.getHost();
                if (host != null && !host.equals("127.0.0.1") && !host.equals("localhost")) {
                    attempts.add(uri);
                }
                return List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            }
        });
        try (HuggingFaceTokenCounter t = HuggingFaceTokenCounter.load(tokenizerPath())) {
            assertEquals(3, t.count("x : ℝ"));
        } finally {
            ProxySelector.setDefault(previous);
        }
        assertEquals(List.of(), attempts);
        assertTrue(ai.djl.util.Utils.isOfflineMode(), "DJL's own check must report offline mode");
    }

    @Test
    void loadingATokenizerForcesOfflineModeInAJvmStartedWithoutIt() {
        String before = System.clearProperty(DjlOffline.PROPERTY);
        try {
            DjlOffline.ensure();
            assertEquals("true", System.getProperty(DjlOffline.PROPERTY));
        } finally {
            System.setProperty(DjlOffline.PROPERTY, before == null ? "true" : before);
        }
    }

    @Test
    void theLauncherStartsEveryJvmWithDjlOffline() throws IOException {
        Path launcher = Path.of("..", "bin", "stepwise");
        String text = Files.readString(launcher);
        assertTrue(text.contains("-Dai.djl.offline=true"), "bin/stepwise must pass -Dai.djl.offline=true");
    }

    @Test
    void aMissingTokenizerNamesThePath(@org.junit.jupiter.api.io.TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HuggingFaceTokenCounter.load(dir.resolve("nope.json")));
        assertEquals("tokenizer file " + dir.resolve("nope.json")
                + " does not exist (model.tokenizer must be the model's tokenizer.json)", e.getMessage());
    }

    @Test
    void aBrokenTokenizerFileIsReportedAsSuch(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": 42}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HuggingFaceTokenCounter.load(dir));
        assertTrue(e.getMessage().startsWith("tokenizer file " + bad + " is not a usable tokenizer.json"), e.getMessage());
    }
}
