package dev.stepwise.prover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages of the foundation commands, through the real command tree. */
class CliTest {

    @TempDir
    Path dir;

    private CliHarness cli() {
        return new CliHarness(dir);
    }

    @Test
    void versionAndHelpSucceed() {
        var v = cli().run("--version");
        assertEquals(0, v.exitCode());
        assertTrue(v.out().startsWith("stepwise "), v.out());
        assertTrue(v.out().contains("commit "), v.out());
        var h = cli().run("--help");
        assertEquals(0, h.exitCode());
        assertTrue(h.out().contains("datasets"), h.out());
        assertTrue(h.out().contains("Exit codes: 0 success"), h.out());
        for (String command : new String[] {"config", "datasets", "completion"}) {
            assertEquals(0, cli().run(command, "--help").exitCode(), command);
        }
    }

    @Test
    void unknownOptionIsAUsageErrorOnOneLine() {
        var r = cli().run("datasets", "list", "--bogus");
        assertEquals(2, r.exitCode());
        assertEquals("stepwise datasets list: Unknown option: '--bogus' (see 'stepwise datasets list --help')\n", r.err());
    }

    @Test
    void datasetsListShowsTheShippedCounts() {
        var r = cli().run("datasets", "list");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().matches("(?s).*minif2f-test +244 +v4\\.24\\.0.*"), r.out());
        assertTrue(r.out().matches("(?s).*minif2f-valid +244 .*"), r.out());
        assertTrue(r.out().matches("(?s).*proofnet-test +185 .*"), r.out());
        assertTrue(r.out().matches("(?s).*proofnet-valid +182 .*"), r.out());
        assertTrue(r.out().matches("(?s).*minif2f-test-deepseek +244 +v4\\.9\\.0-rc1.*"), r.out());
    }

    @Test
    void datasetsShowPrintsACompleteLeanFile() {
        var r = cli().run("datasets", "show", "minif2f-test", "--problem", "mathd_algebra_478");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("import Mathlib\n"), r.out());
        assertTrue(r.out().contains("/-- The volume of a cone"), r.out());
        assertTrue(r.out().contains("theorem mathd_algebra_478"), r.out());
        assertTrue(r.out().endsWith("v = 65 := by\n  sorry\n"), r.out());
        var missing = cli().run("datasets", "show", "minif2f-test", "--problem", "mathd_algebra_47");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().startsWith("stepwise: no problem 'mathd_algebra_47' in minif2f-test; did you mean "), missing.err());
    }

    @Test
    void aLeanFileWithThreeDeclarationsLoadsAsThreeProblems() throws IOException {
        Files.writeString(dir.resolve("three.lean"), """
                import Mathlib
                theorem one : True := by sorry
                lemma two : 1 + 1 = 2 := by
                  sorry
                example : 2 + 2 = 4 := by
                """);
        var r = cli().run("datasets", "show", "three.lean");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("three.lean: 3 problems\n  one  (file)\n  two  (file)\n  example_5  (file)\n", r.out());
    }

    @Test
    void aMalformedLeanFileExitsTwoNamingTheLine() throws IOException {
        Files.writeString(dir.resolve("bad.lean"), "import Mathlib\n\ntheorem broken (x : ℕ : x = x := by\n  sorry\n");
        var r = cli().run("datasets", "show", "bad.lean");
        assertEquals(2, r.exitCode());
        assertEquals("stepwise: " + dir.resolve("bad.lean") + ":3:16: '(' is never closed\n", r.err());
        var check = cli().run("datasets", "check", "bad.lean");
        assertEquals(1, check.exitCode());
        assertTrue(check.out().contains(":3:16: '(' is never closed"), check.out());
        assertTrue(check.out().endsWith("bad.lean: 1 defect(s)\n"), check.out());
    }

    @Test
    void checkAcceptsTheShippedExamplesAndRejectsAMissingFile() {
        var ok = cli().run("datasets", "check", CliHarness.repoRoot().resolve("datasets/examples").toString());
        assertEquals(0, ok.exitCode(), ok.out() + ok.err());
        assertTrue(ok.out().endsWith(": ok, 11 problem(s)\n"), ok.out());
        var missing = cli().run("datasets", "check", "nope.jsonl");
        assertEquals(2, missing.exitCode());
        assertEquals("stepwise: nope.jsonl: no such file or directory\n", missing.err());
        var unknown = cli().run("datasets", "show", "nope");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().startsWith("stepwise: unknown dataset 'nope'"), unknown.err());
    }

    @Test
    void configLayersAreReportedWithTheirSources() throws IOException {
        Files.writeString(dir.resolve("stepwise.yaml"), "store:\n  runs-dir: from-file\n  busy-timeout: 10s\n");
        var r = cli().withEnv(Map.of("STEPWISE_STORE_BUSY_TIMEOUT", "20s"))
                .run("config", "show", "--set", "store.path=flag.db");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().matches("(?s).*store\\.path += flag\\.db +\\(flag\\).*"), r.out());
        assertTrue(r.out().matches("(?s).*store\\.runs-dir += from-file +\\(" + java.util.regex.Pattern.quote(
                dir.resolve("stepwise.yaml").toString()) + "\\).*"), r.out());
        assertTrue(r.out().matches("(?s).*store\\.busy-timeout += 20s +\\(env STEPWISE_STORE_BUSY_TIMEOUT\\).*"), r.out());
    }

    @Test
    void unknownOrInvalidConfigurationIsAUsageErrorNamingTheKey() throws IOException {
        Files.writeString(dir.resolve("stepwise.yaml"), "store:\n  pth: x.db\n");
        var r = cli().run("config", "show");
        assertEquals(2, r.exitCode());
        assertEquals("stepwise: configuration: unknown config key 'store.pth' in " + dir.resolve("stepwise.yaml")
                + " (did you mean 'store.path'?)\n", r.err());

        var env = new CliHarness(Map.of("STEPWISE_STORE_BUSY_TIMEOUT", "soon"), dir.resolve("elsewhere")).run("config", "show");
        assertEquals(2, env.exitCode());
        assertEquals("stepwise: configuration: env STEPWISE_STORE_BUSY_TIMEOUT: store.busy-timeout: "
                + "expected a duration such as 250ms, 30s, 5m or 2h, got 'soon'\n", env.err());

        var flag = new CliHarness(dir.resolve("elsewhere")).run("config", "show", "--set", "nope.key=1");
        assertEquals(2, flag.exitCode());
        assertEquals("stepwise: configuration: unknown config key 'nope.key' in --set\n", flag.err());

        var missingFile = new CliHarness(dir.resolve("elsewhere")).run("--config", "missing.yaml", "config", "show");
        assertEquals(2, missingFile.exitCode());
        assertEquals("stepwise: configuration: config file missing.yaml does not exist\n", missingFile.err());
    }

    @Test
    void completionScriptCoversTheCommandTree() {
        var r = cli().run("completion");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("complete -F"), r.out().substring(0, 200));
        assertTrue(r.out().contains("datasets"), "datasets missing from completion");
        // After --dataset (and --pool, sim generate --from) the catalog's names are offered.
        assertTrue(r.out().lines().anyMatch(l -> l.contains("_option_args=(\"minif2f-test\"") && l.endsWith("# --dataset values")),
                "no dataset names after --dataset");
    }

    @Test
    void typosGetTheNearestOptionCommandOrKey() {
        var option = cli().run("eval", "--simualte=w.json");
        assertEquals(2, option.exitCode());
        assertEquals(1, option.err().lines().count(), option.err());
        assertTrue(option.err().contains("'--simualte=w.json'; did you mean --simulate?"), option.err());

        var command = cli().run("evl");
        assertEquals(2, command.exitCode());
        assertTrue(command.err().contains("did you mean eval"), command.err());

        var key = cli().run("config", "show", "--set", "search.widht=4");
        assertEquals(2, key.exitCode());
        assertEquals("stepwise: configuration: unknown config key 'search.widht' in --set (did you mean 'search.width'?)\n",
                key.err());

        var variable = new CliHarness(Map.of("STEPWISE_SEARCH_WIDHT", "4"), dir).run("config", "show");
        assertEquals(2, variable.exitCode());
        assertTrue(variable.err().endsWith("STEPWISE_SEARCH_WIDHT (did you mean STEPWISE_SEARCH_WIDTH?)\n"), variable.err());
    }
}
