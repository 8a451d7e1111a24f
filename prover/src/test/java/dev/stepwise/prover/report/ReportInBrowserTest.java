package dev.stepwise.prover.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * it), takes screenshots and checks what the pages show. Skipped, saying so, where no Chromium is
 * installed.
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

    private static void assertScreenshotShowsSomething(String url, String name) throws Exception {
        Path png = dir.resolve(name);
        chromium("--screenshot=" + png, "--window-size=1200,1400", "--hide-scrollbars", url);
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
    }
}
