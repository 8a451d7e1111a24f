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
 * {@code escape} hangs too, after starting a process outside its tree and group that holds its
 * stdout open for 3 s, {@code crash} writes to stderr and exits 3, {@code overflow} ends as Lean's stack guard
 * does (its report on stderr, then SIGABRT: status 134), {@code nomemory} as Lean's failed allocation
 * does (its panic line, status 1), {@code garbage} answers non-JSON, {@code half}
 * answers half a response and exits, {@code grow} allocates about 16 MB it keeps. Anything else
 * is answered {@code {"env": n}} with n counting up; a tactic request gets a tactic result. As in
 * the real REPL, importing {@code NoSuchThing} succeeds silently and a later {@code #check} fails.
 */
final class ScriptedRepl {
    static final String SCRIPT = """
            n=0
            hog=""
            while IFS= read -r line; do
              [ -z "$line" ] && continue
              case "$line" in
                *NoSuchThing*) bad=1; printf '{"env": %d}\\n\\n' $n; n=$((n+1)) ;;
                *'#check'*) if [ -n "$bad" ]; then printf '{"messages":\\n [{"severity": "error",\\n   "data": "unknown identifier '"'"'Nat'"'"'"}],\\n "env": %d}\\n\\n' $n; else printf '{"env": %d}\\n\\n' $n; fi; n=$((n+1)) ;;
                *escape*) ( setsid sleep 3 & ) ; sleep 1000 ;;
                *hang*) sleep 1000 ;;
                *crash*) echo "INTERNAL PANIC: out of bounds" >&2; echo "at Lean.Elab" >&2; exit 3 ;;
                *overflow*) printf '\\nStack overflow detected. Aborting.\\n' >&2; kill -ABRT $$ ;;
                *nomemory*) echo "INTERNAL PANIC: out of memory" >&2; exit 1 ;;
                *garbage*) printf 'Stack overflow detected. Aborting.\\n\\n' ;;
                *half*) printf '{"env":\\n'; exit 0 ;;
                *grow*) hog=xxxxxxxx; for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21; do hog=$hog$hog; done; printf '{"env": %d}\\n\\n' $n; n=$((n+1)) ;;
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
