package dev.stepwise.prover.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplClassArchiveTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    /** A jar with one main class that reads a little and exits, as a simulated REPL does at end of input. */
    private static Path jar(Path dir) throws IOException {
        Path src = dir.resolve("src/Hello.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "public class Hello { public static void main(String[] a) throws Exception {"
                + " System.out.println(new java.util.TreeMap<>(java.util.Map.of(\"k\", a.length))); } }");
        Path classes = dir.resolve("classes");
        assertEquals(0, javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                src.toString()));
        Path jar = dir.resolve("hello.jar");
        assertEquals(0, ToolProvider.findFirst("jar").orElseThrow().run(System.out, System.err, "--create", "--file",
                jar.toString(), "-C", classes.toString(), "."));
        return jar;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void makesAnArchiveTheJvmAcceptsAndReusesIt(@TempDir Path tmp) throws Exception {
        Path jar = jar(tmp);
        Path dir = tmp.resolve("cds");
        List<String> base = List.of(JAVA, "-Xlog:disable", "-cp", jar.toString(), "Hello");

        Optional<Path> archive = ReplClassArchive.prepare(dir, tmp.resolve("world.json"), base);

        assertTrue(archive.isPresent());
        assertEquals(List.of(archive.get()), files(dir), "only the archive: no partial file left behind");
        // -Xshare:on refuses to start with an archive it cannot map, unlike the default auto
        Process p = new ProcessBuilder(JAVA, "-Xshare:on", "-XX:SharedArchiveFile=" + archive.get(), "-cp", jar.toString(), "Hello")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        long made = Files.getLastModifiedTime(archive.get()).toMillis();
        assertEquals(archive, ReplClassArchive.prepare(dir, tmp.resolve("world.json"), base));
        assertEquals(made, Files.getLastModifiedTime(archive.get()).toMillis(), "reused, not made again");
    }

    @Test
    void whenNoArchiveCanBeMadeItSaysSoOnceAndProcessesStartWithout(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("cds");
        // a class path directory cannot be archived: the JVM refuses to dump
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        Files.writeString(classes.resolve("x.txt"), "not empty");
        List<String> base = List.of(JAVA, "-Xlog:disable", "-cp", classes + java.io.File.pathSeparator + jar(tmp), "Hello");

        assertEquals(Optional.empty(), ReplClassArchive.prepare(dir, tmp.resolve("world.json"), base));
        List<Path> left = files(dir);
        assertEquals(1, left.size());
        assertTrue(left.get(0).toString().endsWith(".unusable"), left.toString());
        assertEquals(Optional.empty(), ReplClassArchive.prepare(dir, tmp.resolve("world.json"), List.of("/no/such/java")));
    }
}
