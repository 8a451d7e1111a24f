package dev.stepwise.prover.iterate;

import java.util.LinkedHashMap;
import dev.stepwise.prover.config.PolicyKeys;
import dev.stepwise.prover.policy.prompt.WholeProofTemplate;
import dev.stepwise.prover.app.WholeProofSetup;
import dev.stepwise.iteration.PromptRenderer;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.iteration.ConjectureSettings;
import dev.stepwise.iteration.Conjecturing;
import dev.stepwise.iteration.CriticScorer;
import dev.stepwise.iteration.Curriculum;
import dev.stepwise.iteration.IterationException;
import dev.stepwise.iteration.ModelServing;
import dev.stepwise.iteration.RoundRecord;
import dev.stepwise.iteration.RoundRequest;
import dev.stepwise.iteration.RoundRunner;
import dev.stepwise.iteration.RoundServices;
import dev.stepwise.iteration.RoundSettings;
import dev.stepwise.iteration.RoundStatus;
import dev.stepwise.iteration.ThoughtWriter;
import dev.stepwise.iteration.TrainerLauncher;
import dev.stepwise.lean.HostTools;
import dev.stepwise.prover.app.Application;
import dev.stepwise.prover.app.EvalLauncher;
import dev.stepwise.prover.app.LeanTargetCheck;
import dev.stepwise.prover.app.SimulatorSession;
import dev.stepwise.prover.config.ConfigException;
import dev.stepwise.prover.config.IterateKeys;
import dev.stepwise.prover.config.SearchKeys;
import dev.stepwise.prover.config.Settings;
import dev.stepwise.prover.console.ConsoleProgress;
import dev.stepwise.prover.console.StopHint;
import dev.stepwise.prover.critic.CriticPrompt;
import dev.stepwise.prover.critic.PoolingCritic;
import dev.stepwise.prover.critic.SearchCritic;
import dev.stepwise.prover.exit.UserError;
import dev.stepwise.prover.lean.LeanSetup;
import dev.stepwise.prover.lean.ProjectChoice;
import dev.stepwise.prover.policy.PolicyConfig;
import dev.stepwise.prover.policy.PromptBudget;
import dev.stepwise.prover.policy.client.ClientSettings;
import dev.stepwise.prover.policy.prompt.ConjecturePrompt;
import dev.stepwise.prover.policy.prompt.PromptBuilder;
import dev.stepwise.prover.policy.prompt.PromptTemplate;
import dev.stepwise.prover.policy.prompt.RetrospectivePrompt;
import dev.stepwise.prover.policy.prompt.TokenCounter;
import dev.stepwise.prover.problems.DatasetCatalog;
import dev.stepwise.prover.problems.Problem;
import dev.stepwise.prover.rounds.ConjectureRepository;
import dev.stepwise.prover.rounds.StepThoughtRepository;
import dev.stepwise.prover.rounds.StoreProblemHistory;
import dev.stepwise.prover.rounds.StoreRoundStore;
import dev.stepwise.prover.sim.SimulatedStack;
import dev.stepwise.prover.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Wires one {@code stepwise iterate} invocation: the simulator when asked for, the round's
 * settings and pool, the store, and every service a round needs (searches through the eval
 * machinery, the model server for scoring and serving, the trainer command). The command
 * parses; this builds; the {@link RoundRunner} runs.
 */
public final class IterationLauncher {
    private final Application app;
    private final PrintWriter err;

    public IterationLauncher(Application app, PrintWriter err) {
        this.app = Objects.requireNonNull(app, "app");
        this.err = Objects.requireNonNull(err, "err");
    }

    /**
     * What the user asked for.
     *
     * @param pool the pool as given, or null on resume (the round's own)
     * @param sharing whether the round's search stage is shared with {@code stepwise worker} processes
     *     through the store's queue, and whether this process searches in it too
     */
    public record Request(String pool, int number, RoundRequest.Resume resume, Path simulate, EvalLauncher.Sharing sharing) {
        public Request {
            Objects.requireNonNull(sharing, "sharing");
        }

        /** A round searched by this process alone. */
        public Request(String pool, int number, RoundRequest.Resume resume, Path simulate) {
            this(pool, number, resume, simulate, EvalLauncher.Sharing.NONE);
        }
    }

    public RoundRecord run(Request request) {
        SimulatorSession sim = request.simulate() == null ? null : SimulatorSession.start(this.app, request.simulate());
        try {
            Application app = sim == null ? this.app : sim.app().withFlags(simulatedDefaults());
            if (sim != null) {
                err.println("SIMULATED: world " + request.simulate() + " (simulated Lean, model server and trainer)");
            }
            Settings s = app.settings();
            RoundSettings settings = IterationConfig.roundSettings(s);
            EvalRoundSearcher.checkBudgets(s);
            SearchCritic.check(s);
            if (request.resume() == RoundRequest.Resume.NEW && settings.curriculum() == Curriculum.CRITIC
                    && s.string(IterateKeys.CRITIC_URL).isBlank()) {
                throw new ConfigException("iterate.curriculum is critic but iterate.critic-url is empty; set it to the critic's"
                        + " server, or use iterate.curriculum=fewest-attempts");
            }
            PolicyConfig.Server server = switch (app.policyConfig()) {
                case PolicyConfig.Server sv -> sv;
                case PolicyConfig.Portfolio p -> throw UserError.input("expert iteration trains a model: set model.url and"
                        + " model.name to its inference server (to try it without a GPU, use --simulate WORLD)");
            };
            try (Store store = app.openStore();
                    StopHint stopped = StopHint.armed(err, "stepwise iterate --resume"
                            + (request.simulate() == null ? "" : " --simulate " + request.simulate()))) {
                StoreRoundStore rounds = new StoreRoundStore(store);
                String poolName = poolName(request, rounds);
                List<Problem> pool = new DatasetCatalog(app.home(), app.workDir()).load(poolName);
                TokenCounter counter = server.budget().openCounter();
                // The round's pool chooses its Lean project as an eval's dataset does; a mismatch is refused before any search.
                LeanSetup configured = new LeanSetup(s, app.home(), app.workDir(), HostTools.fromEnvironment());
                ProjectChoice project = LeanTargetCheck.choose(app, configured, poolName,
                        new ConsoleProgress(err, InstantSource.system(), false, request.simulate()), sim);
                String world = sim == null ? "" : app.resolve(request.simulate()).toString();
                try (EvalRoundSearcher searcher = new EvalRoundSearcher(app, store, poolName, pool, world,
                        job -> new ConsoleProgress(err, InstantSource.system(), false, request.simulate()), configured, project,
                        request.sharing())) {
                    RoundServices services = services(app, s, server, store, rounds, searcher, world,
                            new PromptBuilder(server.template(), counter, server.budget().limit()), configured, pool);
                    return new RoundRunner(services).run(new RoundRequest(request.number(), request.resume(), poolName,
                            pool.stream().map(Problem::theorem).toList(), settings));
                } finally {
                    PromptBudget.release(counter);
                }
            }
        } catch (IterationException e) {
            throw switch (e.kind()) {
                case USAGE -> UserError.input(e.getMessage(), e);
                case ENVIRONMENT, STAGE -> UserError.environment(e.getMessage(), e);
            };
        } finally {
            if (sim != null) {
                sim.close();
            }
        }
    }

    private RoundServices services(Application app, Settings s, PolicyConfig.Server server, Store store, StoreRoundStore rounds,
            EvalRoundSearcher searcher, String world, PromptBuilder prompts, LeanSetup lean, List<Problem> pool) {
        ObjectMapper json = new ObjectMapper();
        ClientSettings client = server.client();
        // Every endpoint: evaluation spreads its requests over all of them, so scoring and adapters must too.
        List<ModelServerCalls> calls = client.urls().stream()
                .map(url -> new ModelServerCalls(app.httpClient(), url, client.apiKey(), json)).toList();
        Path dataDir = app.resolve(s.path(IterateKeys.DATA_DIR));
        String serveCommand = s.string(IterateKeys.SERVE_COMMAND);
        ModelServing serving = serveCommand.isBlank() ? new LoraAdapterServing(calls, client.kind())
                : new RestartCommandServing(serveCommand, dataDir);
        PromptRenderer renderer = new TemplatePromptRenderer(prompts, TemplatePromptRenderer.maxTokens(server),
                CriticPrompt.fromSetting(s.string(SearchKeys.CRITIC_TEMPLATE)));
        if (WholeProofSetup.wanted(s)) {
            // A whole-proof round trains the whole-proof model on its own replies, in the format its attempts asked in.
            Map<String, String> informal = new LinkedHashMap<>();
            pool.forEach(p -> informal.put(p.name(), p.informalStatement()));
            renderer = new WholeProofPromptRenderer(WholeProofTemplate.named(s.string(PolicyKeys.WHOLE_PROOF_TEMPLATE)),
                    informal, renderer);
        }
        return new RoundServices(new AnnouncingRoundStore(rounds, err), searcher, new StoreProblemHistory(store, world), critic(app, s, client),
                new ServerTacticScorer(calls), renderer, serving, new TrainerLauncher(app.env()), json,
                InstantSource.system(), dataDir, thoughts(app, s, server, store, prompts, json),
                conjecturing(app, s, server, store, searcher, json, lean));
    }

    /**
     * The conjecture stage's services: off unless iterate.conjecture is set; the conjecturer is the
     * prover's server and model (with the conjecture prompt) unless named; Lean checks each statement
     * on the round's own pool; the gate's word filter (lean.forbidden) refuses texts before Lean sees them.
     */
    private static Conjecturing conjecturing(Application app, Settings s, PolicyConfig.Server server, Store store,
            EvalRoundSearcher searcher, ObjectMapper json, LeanSetup lean) {
        if (!s.flag(IterateKeys.CONJECTURE)) {
            return Conjecturing.OFF;
        }
        ClientSettings client = server.client();
        String url = s.string(IterateKeys.CONJECTURE_URL);
        HttpUrl base;
        try {
            base = url.isBlank() ? client.urls().getFirst() : ClientSettings.parseUrl(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("iterate.conjecture-url: " + e.getMessage());
        }
        String model = s.string(IterateKeys.CONJECTURE_MODEL).isBlank() ? server.sampling().model()
                : s.string(IterateKeys.CONJECTURE_MODEL);
        Path promptFile = s.path(IterateKeys.CONJECTURE_PROMPT);
        ConjecturePrompt prompt;
        try {
            prompt = promptFile == null ? ConjecturePrompt.builtIn() : ConjecturePrompt.of(Files.readString(app.resolve(promptFile)));
        } catch (IOException e) {
            throw new ConfigException("iterate.conjecture-prompt: cannot read " + app.resolve(promptFile) + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("iterate.conjecture-prompt: " + e.getMessage());
        }
        ConjectureSettings settings;
        try {
            String[] band = s.string(IterateKeys.CONJECTURE_BAND).split(",", -1);
            if (band.length != 2) {
                throw new IllegalArgumentException("iterate.conjecture-band must be LOW,HIGH (e.g. 0,0.25), got '"
                        + s.string(IterateKeys.CONJECTURE_BAND) + "'");
            }
            settings = new ConjectureSettings(s.integer(IterateKeys.CONJECTURE_K), s.integer(IterateKeys.CONJECTURE_MAX),
                    s.integer(IterateKeys.CONJECTURE_ATTEMPTS), s.number(IterateKeys.CONJECTURE_SEED_RATE),
                    Double.parseDouble(band[0].strip()), Double.parseDouble(band[1].strip()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage().startsWith("iterate.") ? e.getMessage()
                    : "iterate.conjecture-band: " + e.getMessage());
        }
        return Conjecturing.on(new ServerConjecturer(new ModelServerCalls(app.httpClient(), base, client.apiKey(), json), model, prompt,
                s.integer(IterateKeys.CONJECTURE_MAX_TOKENS), s.number(IterateKeys.CONJECTURE_TEMPERATURE), lean.tacticFilter()),
                searcher, new ConjectureRepository(store), settings);
    }

    /** The thoughts stage's writer: off unless iterate.thoughts is set; the thoughts model is the prover's server unless named. */
    private static ThoughtWriter thoughts(Application app, Settings s, PolicyConfig.Server server, Store store, PromptBuilder prompts,
            ObjectMapper json) {
        if (!s.flag(IterateKeys.THOUGHTS)) {
            return ThoughtWriter.OFF;
        }
        ClientSettings client = server.client();
        String url = s.string(IterateKeys.THOUGHTS_URL);
        HttpUrl base;
        try {
            base = url.isBlank() ? client.urls().getFirst() : ClientSettings.parseUrl(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("iterate.thoughts-url: " + e.getMessage());
        }
        String model = s.string(IterateKeys.THOUGHTS_MODEL).isBlank() ? server.sampling().model() : s.string(IterateKeys.THOUGHTS_MODEL);
        Path promptFile = s.path(IterateKeys.THOUGHTS_PROMPT);
        RetrospectivePrompt prompt;
        try {
            prompt = promptFile == null ? RetrospectivePrompt.builtIn()
                    : RetrospectivePrompt.of(Files.readString(app.resolve(promptFile)));
        } catch (IOException e) {
            throw new ConfigException("iterate.thoughts-prompt: cannot read " + app.resolve(promptFile) + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("iterate.thoughts-prompt: " + e.getMessage());
        }
        // The thought-augmented files are cut to the same budget, with the same counter, as the search's prompts.
        PromptBuilder thinking = new PromptBuilder(PromptTemplate.named(s.string(IterateKeys.THOUGHTS_TEMPLATE)), prompts.counter(),
                server.budget().limit());
        return new ServerThoughtWriter(new ModelServerCalls(app.httpClient(), base, client.apiKey(), json), model, prompt,
                s.integer(IterateKeys.THOUGHTS_BATCH), s.integer(IterateKeys.THOUGHTS_MAX_TOKENS), new StepThoughtRepository(store),
                new TemplatePromptRenderer(thinking, TemplatePromptRenderer.maxTokens(server),
                        CriticPrompt.fromSetting(s.string(SearchKeys.CRITIC_TEMPLATE))), InstantSource.system());
    }

    private static CriticScorer critic(Application app, Settings s, ClientSettings client) {
        String url = s.string(IterateKeys.CRITIC_URL).strip();
        if (url.isEmpty()) {
            return theorems -> {
                throw new IterationException(IterationException.Kind.USAGE, "this round orders statements by a critic, but"
                        + " iterate.critic-url is empty; set it to the critic's server");
            };
        }
        try {
            return new PoolingCriticScorer(new PoolingCritic(app.httpClient(), ClientSettings.parseUrl(url), client.apiKey(),
                    s.string(IterateKeys.CRITIC_MODEL).strip(), client.retry()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("iterate.critic-url: " + e.getMessage());
        }
    }

    /** The pool of the round to run: as given, or on resume the round's own (a different one is refused). */
    private static String poolName(Request request, StoreRoundStore rounds) {
        if (request.resume() == RoundRequest.Resume.NEW) {
            if (request.pool() == null) {
                throw UserError.input("give the pool of statements: --pool DATASET|FILE");
            }
            return request.pool();
        }
        RoundRecord round = (request.number() == 0
                ? rounds.list().stream().filter(r -> r.status() != RoundStatus.COMPLETED).reduce((a, b) -> b)
                : rounds.find(request.number()))
                .orElseThrow(() -> UserError.input(request.number() == 0 ? "no unfinished round to resume"
                        : "there is no round " + request.number() + " to resume"));
        if (request.pool() != null && !request.pool().equals(round.pool())) {
            throw UserError.input("round " + round.number() + " searches pool " + round.pool() + ", not " + request.pool()
                    + "; resume it without --pool");
        }
        return round.pool();
    }

    /** Under {@code --simulate} the round trains with the simulated trainer; {@code --set} still wins. */
    private static Map<String, String> simulatedDefaults() {
        return Map.of(IterateKeys.TRAINER_COMMAND.name(), simulatedTrainerCommand(List.of()));
    }

    /**
     * The trainer command a simulated round runs (its placeholders left for the round to fill), with
     * {@code extra} simulated-trainer options after the round's own (e.g. {@code --effect none}).
     */
    public static String simulatedTrainerCommand(List<String> extra) {
        List<String> args = new ArrayList<>(List.of("--train-file", "{train_file}", "--base-model", "{base_model}", "--init-model",
                "{init_model}", "--output-dir", "{output_dir}", "--trl-config", "{config}", "--method", "{method}"));
        args.addAll(extra);
        return String.join(" ", SimulatedStack.trainerCommand(args).stream().map(IterationLauncher::quote).toList());
    }

    private static String quote(String word) {
        return word.matches("\\{[a-z_]+}") ? word : TrainerLauncher.shellQuote(word);
    }
}
