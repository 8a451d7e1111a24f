package dev.stepwise.prover.sim.repl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.lean.ProofStatus;
import dev.stepwise.lean.ReplRequest;
import dev.stepwise.lean.ReplResponse;
import dev.stepwise.prover.sim.world.SimState;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldTheorem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The REPL's pickles, simulated: a small JSON file naming what was pickled (an environment, or a
 * theorem's proof state of the world), which only this simulator reads back.
 */
final class Pickles {
    private final World world;
    private final EngineState engine;
    private final Answers answers;
    private final ObjectMapper json = new ObjectMapper();

    Pickles(World world, EngineState engine, Answers answers) {
        this.world = world;
        this.engine = engine;
        this.answers = answers;
    }

    ReplAnswer pickleEnv(ReplRequest.PickleEnv p) {
        if (!engine.hasEnv(p.env())) {
            return answers.reply(new ReplResponse.ErrorMessage("Unknown environment."));
        }
        ObjectNode o = json.createObjectNode().put("stepwiseSimulatedPickle", "env");
        return writePickle(p.pickleTo(), o).orElseGet(() -> answers.reply(new ReplResponse.CommandResult(p.env())));
    }

    ReplAnswer pickleState(ReplRequest.PickleProofState p) {
        if (!engine.hasState(p.proofState())) {
            return answers.reply(new ReplResponse.ErrorMessage("Unknown proof state."));
        }
        EngineState.Held held = engine.state(p.proofState());
        ObjectNode o = json.createObjectNode().put("stepwiseSimulatedPickle", "proofState")
                .put("theorem", held.theorem().name());
        if (held.state() != null) {
            o.put("state", held.state().id());
        }
        return writePickle(p.pickleTo(), o).orElseGet(() -> stateReply(held));
    }

    ReplAnswer unpickleEnv(ReplRequest.UnpickleEnv u) {
        Optional<JsonNode> o = readPickle(u.unpickleEnvFrom(), "env");
        return o.isEmpty() ? notAPickle(u.unpickleEnvFrom()) : answers.reply(new ReplResponse.CommandResult(engine.newEnv(null, null, null)));
    }

    ReplAnswer unpickleState(ReplRequest.UnpickleProofState u) {
        if (u.env() != null && !engine.hasEnv(u.env())) {
            return answers.reply(new ReplResponse.ErrorMessage("Unknown environment."));
        }
        Optional<JsonNode> o = readPickle(u.unpickleProofStateFrom(), "proofState");
        if (o.isEmpty()) {
            return notAPickle(u.unpickleProofStateFrom());
        }
        Optional<WorldTheorem> theorem = world.theorem(o.get().path("theorem").asText());
        if (theorem.isEmpty()) {
            return notAPickle(u.unpickleProofStateFrom());
        }
        SimState state = o.get().has("state") ? theorem.get().state(o.get().path("state").asText()) : null;
        return stateReply(new EngineState.Held(theorem.get(), state));
    }

    private ReplAnswer stateReply(EngineState.Held held) {
        int ps = engine.hold(held.theorem(), held.state());
        return held.state() == null
                ? answers.reply(new ReplResponse.TacticResult(ps, List.of(), List.of(), List.of(), null,
                        answers.dialect().status(new ProofStatus.Completed())))
                : answers.reply(new ReplResponse.TacticResult(ps, held.state().goals(), List.of(), List.of(), null,
                        answers.dialect().status(new ProofStatus.OpenGoals())));
    }

    private Optional<ReplAnswer> writePickle(String path, ObjectNode content) {
        try {
            Path p = Path.of(path);
            if (p.toAbsolutePath().getParent() != null) {
                Files.createDirectories(p.toAbsolutePath().getParent());
            }
            Files.write(p, json.writeValueAsBytes(content));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(answers.reply(new ReplResponse.ErrorMessage("Lean error:\n" + e.getMessage())));
        }
    }

    private Optional<JsonNode> readPickle(String path, String kind) {
        try {
            JsonNode o = json.readTree(Files.readAllBytes(Path.of(path)));
            return o != null && kind.equals(o.path("stepwiseSimulatedPickle").asText()) ? Optional.of(o) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private ReplAnswer notAPickle(String path) {
        return answers.reply(new ReplResponse.ErrorMessage("Lean error:\nfailed to read file '" + path + "', invalid header"));
    }
}
