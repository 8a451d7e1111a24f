package dev.stepwise.prover.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the report in headless Chromium (Debian's {@code chromium}; {@code .ci/run} installs
 * it), takes screenshots and checks what the pages show: besides the small fixtures, a report of
 * {@link DemoFixtures}' made-up simulated run is laid out and measured ({@link PageGeometry}) for
 * what the README promises: ticked axes, no clipped or overlapping label, a one-line time, a
 * verdict of at most two lines, a tree graph with its proof path highlighted. Skipped, saying so,
 * where no Chromium is installed.
 *
 * <p>With {@code -Dreport.screenshots=DIR} the demo's screenshots are also copied to DIR: that is
 * how {@code docs/screenshots/} is made (see its README).
 */
@Tag("slow") // a real headless Chromium
class ReportInBrowserTest {

    @TempDir
    static Path dir;

    static Path chromium;

    @BeforeAll
    static void findChromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                chromium = Path.of(candidate);
                break;
            }
        }
        if (chromium == null) {
            System.err.println("ReportInBrowserTest SKIPPED: no Chromium found (apt-get install chromium; .ci/run installs it)");
        }
        assumeTrue(chromium != null, "no Chromium installed");
        HtmlReport.write(ReportFixtures.run(), dir.resolve("report"));
        RoundsReport.write(RoundsFixtures.threeRounds(dir.resolve("rounds.db")), Set.of(2), dir.resolve("rounds"), dir.resolve("report"));
        HtmlReport.write(DemoFixtures.run(), dir.resolve("demo"));
        RoundsReport.write(RoundsFixtures.threeRounds(dir.resolve("demo-rounds.db")), Set.of(1, 2, 3), Path.of(".stepwise/rounds"),
                dir.resolve("demo"));
    }

    private record Run(String stdout, String stderr) {
    }

    private static Run chromium(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--enable-logging=stderr", "--v=0", "--user-data-dir=" + dir.resolve("profile-" + System.nanoTime())));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 90 s");
        }
        return new Run(Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    /** Lines Chromium logs for console messages or uncaught script errors. */
    private static List<String> consoleErrors(String stderr) {
        return stderr.lines().filter(l -> l.contains("CONSOLE") || l.contains("Uncaught")).toList();
    }

    @Test
    void indexRendersWithEveryProblemAndNoConsoleErrors() throws Exception {
        String url = dir.resolve("report/index.html").toUri().toString();
        Run dom = chromium("--dump-dom", url);
        assertTrue(dom.stdout().contains("data-ready=\"1\""), "the page script did not run");
        assertEquals(3, dom.stdout().split("<tr class=\"(proved|unproved|failed)\"", -1).length - 1);
        assertTrue(dom.stdout().contains("1 / 3 (33.3%)"));
        assertEquals(List.of(), consoleErrors(dom.stderr()));
        assertScreenshotShowsSomething(url, "index.png");
    }

    @Test
    void problemPageShowsATreeWithNodes() throws Exception {
        Path page;
        try (var pages = Files.list(dir.resolve("report/problems"))) {
            page = pages.filter(p -> p.getFileName().toString().startsWith("sq_pos_example")).findFirst().orElseThrow();
        }
        String url = page.toUri().toString();
        Run dom = chromium("--dump-dom", url);
        assertTrue(dom.stdout().contains("data-ready=\"1\""), "the page script did not run");
        assertTrue(dom.stdout().contains("data-nodes=\"3\""));
        assertEquals(3, dom.stdout().split("<summary class=\"node", -1).length - 1);
        assertEquals(List.of(), consoleErrors(dom.stderr()));
        assertScreenshotShowsSomething(url, "problem.png");
    }

    @Test
    void roundsPageDrawsOnePointPerRoundAndNoConsoleErrors() throws Exception {
        String url = dir.resolve("report").resolve(RoundsReport.FILE).toUri().toString();
        Run dom = chromium("--dump-dom", url);
        assertTrue(dom.stdout().contains("data-ready=\"1\""), "the page script did not run");
        assertEquals(3, dom.stdout().split("<circle class=\"pt cumulative", -1).length - 1);
        assertEquals(3, dom.stdout().split("<tr class=\"round ", -1).length - 1);
        assertEquals(List.of(), consoleErrors(dom.stderr()));
        assertScreenshotShowsSomething(url, "rounds.png");
    }

    @Test
    void demoIndexHasTickedAxesNoClippedLabelAndTidyColumns() throws Exception {
        screenshot(dir.resolve("demo/index.html").toUri().toString(), "index.png", 1400);
        JsonNode g = measure(dir.resolve("demo/index.html"));
        assertEquals(List.of(), strings(g.get("clipped")), "labels cut off at a drawing's edge");
        assertEquals(List.of(), strings(g.get("overlaps")), "axis labels drawn over each other");
        assertEquals(4, g.get("charts").size());
        JsonNode pass = chart(g, "Pass rate against expansions spent");
        assertEquals(List.of("0", "20", "40", "60", "80", "100"), strings(pass.get("yticks")));
        List<Double> x = numbers(pass.get("xticks"));
        assertTrue(x.size() >= 3 && x.getFirst() == 0 && x.getLast() >= 50, "x ticks " + x);
        assertEvenNiceSteps(x);
        for (String title : List.of("Time per problem", "Proof length of solved problems")) {
            List<Double> y = numbers(chart(g, title).get("yticks"));
            assertTrue(y.size() >= 2, title + " y ticks " + y);
            y.forEach(v -> assertEquals(Math.rint(v), v, title + ": a count axis with a tick at " + v));
            assertEvenNiceSteps(y);
        }
        List<String> bins = strings(chart(g, "Time per problem").get("xlabels"));
        assertEquals("120–140", bins.getLast(), "the last bin of 130.8 s " + bins);
        g.get("cells").get("time").forEach(c -> assertEquals(1, c.get("lines").asInt(), "a time wraps: " + c));
        // A verdict wraps at a readable width: up to ~70 characters on two lines, the longest (130) on three.
        g.get("cells").get("verdict").forEach(c -> assertTrue(c.get("lines").asInt() <= Math.max(2, Math.ceil(c.get("chars").asInt() / 45.0)),
                "a verdict wraps too narrow: " + c));
        assertFalse(g.get("cells").get("overflows").asBoolean(), "a table runs off the page");
    }

    @Test
    void demoProblemPageDrawsTheTreeAsAGraphWithItsProofPath() throws Exception {
        Path page = dir.resolve("demo/problems").resolve(Html.pageName(DemoFixtures.TREE_PROBLEM));
        screenshot(page.toUri().toString(), "problem.png", 1500);
        JsonNode g = measure(page);
        assertEquals(List.of(), strings(g.get("clipped")), "labels cut off at a drawing's edge");
        JsonNode graph = g.get("graph");
        assertTrue(graph != null && !graph.isNull(), "no tree graph");
        assertEquals(46, graph.get("nodes").asInt());
        assertEquals(46, graph.get("drawn").asInt());
        // Root -> three states -> ∎: four highlighted edges and four highlighted states.
        assertEquals(4, graph.get("proofEdges").asInt());
        assertEquals(4, graph.get("proofNodes").asInt());
        String dom = chromium("--dump-dom", page.toUri().toString()).stdout();
        assertEquals(46, dom.split("<summary class=\"node", -1).length - 1, "the list view is gone");
        assertTrue(dom.contains("<h2>Simulated proof</h2>"), "the simulated proof is not labelled");
    }

    @Test
    void demoRoundsPageHasTickedAxesAndNoClippedLabel() throws Exception {
        screenshot(dir.resolve("demo").resolve(RoundsReport.FILE).toUri().toString(), "rounds.png", 1400);
        JsonNode g = measure(dir.resolve("demo").resolve(RoundsReport.FILE));
        assertEquals(List.of(), strings(g.get("clipped")), "labels cut off at a drawing's edge");
        assertEquals(List.of(), strings(g.get("overlaps")), "axis labels drawn over each other");
        List<Double> solved = numbers(chart(g, "Statements solved per round").get("yticks"));
        solved.forEach(v -> assertEquals(Math.rint(v), v, "a count axis with a tick at " + v));
        assertTrue(solved.getLast() >= 40, "the pool's 40 searchable statements are off the axis " + solved);
        assertEquals(List.of("0", "20", "40", "60", "80", "100"), strings(chart(g, "Held-out pass rate at evaluate (%)").get("yticks")));
        assertFalse(g.get("cells").get("overflows").asBoolean(), "a table runs off the page");
    }

    private static JsonNode measure(Path page) throws Exception {
        Run dom = chromium("--window-size=1200,1400", "--dump-dom", PageGeometry.instrumented(page).toUri().toString());
        assertEquals(List.of(), consoleErrors(dom.stderr()));
        return PageGeometry.read(dom.stdout());
    }

    private static JsonNode chart(JsonNode g, String title) {
        for (JsonNode c : g.get("charts")) {
            if (c.get("title").asText().equals(title)) {
                return c;
            }
        }
        throw new AssertionError("no chart " + title + " in " + g.get("charts"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<Double> numbers(JsonNode array) {
        return strings(array).stream().map(Double::parseDouble).toList();
    }

    /** Ticks a constant step apart, the step 1, 2 or 5 times a power of ten. */
    private static void assertEvenNiceSteps(List<Double> ticks) {
        double step = ticks.get(1) - ticks.get(0);
        for (int i = 1; i < ticks.size(); i++) {
            assertEquals(step, ticks.get(i) - ticks.get(i - 1), 1e-9, "uneven ticks " + ticks);
        }
        double mantissa = step / Math.pow(10, Math.floor(Math.log10(step)));
        assertTrue(List.of(1.0, 2.0, 5.0).stream().anyMatch(m -> Math.abs(m - mantissa) < 1e-9), "tick step " + step);
    }

    /** Takes a screenshot, checks it shows a page, and copies it to -Dreport.screenshots when that is set. */
    private static void screenshot(String url, String name, int height) throws Exception {
        Path png = assertScreenshotShowsSomething(url, "demo-" + name, height);
        String target = System.getProperty("report.screenshots");
        if (target != null && !target.isBlank()) {
            Files.createDirectories(Path.of(target));
            Files.copy(png, Path.of(target).resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void assertScreenshotShowsSomething(String url, String name) throws Exception {
        assertScreenshotShowsSomething(url, name, 1400);
    }

    private static Path assertScreenshotShowsSomething(String url, String name, int height) throws Exception {
        Path png = dir.resolve(name);
        chromium("--screenshot=" + png, "--window-size=1200," + height, "--hide-scrollbars", url);
        assertTrue(Files.size(png) > 5_000, "screenshot " + png + " is too small to show a page");
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1200, img.getWidth());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 7) {
            for (int x = 0; x < img.getWidth(); x += 7) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertFalse(colours.size() < 8, "screenshot is blank: " + colours.size() + " colours");
        return png;
    }
}
