package dev.stepwise.lean;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A tiny REPL stand-in written in bash that speaks the framing (one request line, an empty line;
 * a response, an empty line) and misbehaves on request: a real subprocess, not a mock. The
 * simulated REPL of the prover module is the full stand-in; this one tests the process mechanics.
 *
 * <p>Requests whose text contains a trigger word: {@code hang} sleeps forever in a child process,
 * {@code crash} writes to stderr and exits 3, {@code garbage} answers non-JSON, {@code half}
 * answers half a response and exits, {@code grow} allocates about 64 MB it keeps. Anything else
 * is answered {@code {"env": n}} with n counting up; a tactic request gets a tactic result.
 */
final class ScriptedRepl {
    static final String SCRIPT = """
            n=0
            hog=""
            while IFS= read -r line; do
              [ -z "$line" ] && continue
              case "$line" in
                *hang*) sleep 1000 ;;
                *crash*) echo "INTERNAL PANIC: out of bounds" >&2; echo "at Lean.Elab" >&2; exit 3 ;;
                *garbage*) printf 'Stack overflow detected. Aborting.\\n\\n' ;;
                *half*) printf '{"env":\\n'; exit 0 ;;
                *grow*) hog="$hog$(head -c 67108864 /dev/zero | tr '\\0' x)"; printf '{"env": %d}\\n\\n' $n; n=$((n+1)) ;;
                *'"tactic"'*) printf '{"proofStatus": "Incomplete: open goals remain",\\n "proofState": %d,\\n "goals": ["⊢ True"]}\\n\\n' $n; n=$((n+1)) ;;
                *) printf '{"env": %d}\\n\\n' $n; n=$((n+1)) ;;
              esac
            done
            """;

    private ScriptedRepl() {
    }

    static ReplProcessConfig config(Path dir) {
        return new ReplProcessConfig(List.of("bash", "-c", SCRIPT), dir, Map.of(), 0, Sandbox.OFF, dir,
                Duration.ofSeconds(5));
    }
}
