package dev.stepwise.prover.lean;

import dev.stepwise.lean.AcceptanceGate;
import dev.stepwise.lean.GateDecision;
import dev.stepwise.lean.GateRequest;
import dev.stepwise.lean.GateVerdict;
import dev.stepwise.lean.HostTools;
import dev.stepwise.lean.ReplCodec;
import dev.stepwise.lean.ReplPool;
import dev.stepwise.prover.problems.LeanDeclaration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs the acceptance gate on every proved theorem of a Lean file, against reference statements
 * (another file's, or the file's own when none is given).
 */
public final class ProofFileChecker {
    private final LeanSetup setup;

    public ProofFileChecker(LeanSetup setup) {
        this.setup = setup;
    }

    /**
     * @param proofs the declarations of the proof file
     * @param references statements by theorem name; empty = each theorem's own statement is the reference
     * @throws dev.stepwise.lean.ReplStartException if Lean cannot be started
     */
    /**
     * What the gate checks for one proved declaration: its statement and proof, elaborated under
     * the reference's header; the file's own header only has to be the same (any difference,
     * {@code open ... in} before the theorem included, is a rejection naming it).
     */
    public static GateRequest request(LeanDeclaration proved, LeanDeclaration reference) {
        return new GateRequest(reference.header(), proved.header(), proved.name(), reference.statement(),
                proved.statement(), proved.body());
    }

    public List<GateVerdict> check(List<LeanDeclaration> proofs, List<LeanDeclaration> references) {
        List<LeanDeclaration> proved = proofs.stream().filter(d -> !d.needsProof()).toList();
        List<GateVerdict> verdicts = new ArrayList<>();
        for (LeanDeclaration d : proofs) {
            if (d.needsProof()) {
                verdicts.add(new GateVerdict(d.name(), GateDecision.REJECTED,
                        List.of("no proof (the body is " + (d.bodyKind() == LeanDeclaration.BodyKind.SORRY
                                ? "sorry)" : "empty)")), List.of()));
            }
        }
        if (proved.isEmpty()) {
            return verdicts;
        }
        Map<String, LeanDeclaration> byName = references.stream()
                .collect(Collectors.toMap(LeanDeclaration::name, Function.identity(), (a, b) -> a));
        // every theorem is elaborated under its reference's header, never under its own
        List<String> headers = proved.stream().map(d -> byName.getOrDefault(d.name(), d))
                .map(LeanDeclaration::header).distinct().toList();
        int size = Math.max(1, Math.min(setup.poolSize(), proved.size()));
        try (ScratchDir scratch = setup.scratch();
                ReplPool pool = ReplPool.start(setup.poolConfig(size, headers, scratch.path()), new ReplCodec(),
                        HostTools.fromEnvironment(), InstantSource.system())) {
            AcceptanceGate gate = new AcceptanceGate(pool, setup.gatePolicy());
            for (LeanDeclaration d : proved) {
                LeanDeclaration reference = references.isEmpty() ? d : byName.get(d.name());
                if (reference == null) {
                    verdicts.add(new GateVerdict(d.name(), GateDecision.REJECTED,
                            List.of("no reference statement named '" + d.name() + "'"), List.of()));
                    continue;
                }
                verdicts.add(gate.check(request(d, reference)));
            }
        }
        return verdicts;
    }
}
