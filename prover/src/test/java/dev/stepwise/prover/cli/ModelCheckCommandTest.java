package dev.stepwise.prover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCheckCommandTest {
    @TempDir
    Path dir;

    @StartStop
    final MockWebServer server = new MockWebServer();

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new Cli(new Invocation(Map.of(), dir, dir)).execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void withoutAServerThePortfolioAnswers() {
        Run r = run("model", "check", "--state", "⊢ 2 + 2 = 4", "-n", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("policy: portfolio of automation tactics on the CPU (no model; far weaker than a trained step-prover)\n"
                + "state:  ⊢ 2 + 2 = 4\n"), r.out());
        assertTrue(r.out().contains("norm_num"), r.out());
    }

    @Test
    void aServerIsAskedWithTheConfiguredTemplate() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getUrl().encodedPath().equals("/health")) {
                    return new MockResponse.Builder().code(200).build();
                }
                return new MockResponse.Builder().code(200).body("{\"choices\":[{\"index\":0,\"text\":\"PROOFSTEP positivity\","
                        + "\"logprobs\":{\"tokens\":[\"PRO\",\"OF\",\"STEP\",\" positivity\"],\"token_logprobs\":[0,0,0,-0.25]},"
                        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":4}}").build();
            }
        });
        Run r = run("--set", "model.url=" + server.url("/"), "--set", "model.name=internlm/internlm2-step-prover",
                "--set", "model.template=internlm2-stepprover", "model", "check", "-n", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("policy: model internlm/internlm2-step-prover at " + server.url("/")
                + " (vllm), template internlm2-stepprover, prompt budget 9000 chars"), r.out());
        assertTrue(r.out().contains("1 candidate(s), 40 prompt tokens, 4 completion tokens"), r.out());
        assertTrue(r.out().contains("   -0.2500  positivity"), r.out());
    }

    @Test
    void anUnreachableServerIsAnEnvironmentErrorOnOneLine() {
        String url = server.url("/").toString();
        server.close();
        Run r = run("--set", "model.url=" + url, "--set", "model.name=m", "--set", "model.retries=0",
                "--set", "model.health-interval=0s", "model", "check");
        assertEquals(3, r.code(), r.out());
        assertTrue(r.err().startsWith("stepwise: model server unavailable: " + url + " failed this request (last: " + url
                + " unreachable: "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void aBadConfigurationIsAUsageError() {
        Run r = run("--set", "policy.kind=server", "model", "check");
        assertEquals(2, r.code());
        assertEquals("stepwise: configuration: policy.kind is server but model.url is empty; set model.url to the server, "
                + "e.g. --set model.url=http://127.0.0.1:8000\n", r.err());
    }
}
