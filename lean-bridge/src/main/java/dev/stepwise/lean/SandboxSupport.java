package dev.stepwise.lean;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Whether bwrap can sandbox a REPL on this machine. Installed is not enough: bwrap needs user
 * namespaces (or privileges) to make its namespaces, and inside many containers it cannot; then
 * every sandboxed REPL would fail to start. {@link #probe} runs it once with the namespaces a REPL
 * gets and reports bwrap's own words.
 */
public sealed interface SandboxSupport {

    /** bwrap runs here. */
    record Usable(Path bwrap) implements SandboxSupport {
        public Usable {
            Objects.requireNonNull(bwrap, "bwrap");
        }
    }

    /** bwrap is not on PATH. */
    record Missing() implements SandboxSupport {
    }

    /** bwrap is installed but cannot make its namespaces here; {@code reason} is what it said. */
    record Unusable(Path bwrap, String reason) implements SandboxSupport {
        public Unusable {
            Objects.requireNonNull(bwrap, "bwrap");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Runs {@code bwrap --unshare-all --die-with-parent --ro-bind / / true}, the namespaces of a sandboxed REPL. */
    static SandboxSupport probe(HostTools tools) {
        var bwrap = tools.find("bwrap");
        if (bwrap.isEmpty()) {
            return new Missing();
        }
        try {
            Process p = new ProcessBuilder(bwrap.get().toString(), "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/",
                    "true").redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Unusable(bwrap.get(), "bwrap did not finish a trivial sandbox within 30 s");
            }
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.exitValue() == 0 ? new Usable(bwrap.get())
                    : new Unusable(bwrap.get(), said.isEmpty() ? "exit code " + p.exitValue() : said.lines().findFirst().orElse(said));
        } catch (IOException e) {
            return new Unusable(bwrap.get(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unusable(bwrap.get(), "interrupted while trying bwrap");
        }
    }
}
