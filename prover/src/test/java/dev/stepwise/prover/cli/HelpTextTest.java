package dev.stepwise.prover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Every command's help, rendered as a user sees it: lines within the width, broken only at
 * spaces (so no sentence, option name or key is cut), one label style, and the exit codes.
 */
class HelpTextTest {
    /** Upper-case words, joined by ×, |, = or .. (A×W×N, NAME|FILE, KEY=VALUE, MIN..MAX). */
    private static final Pattern LABEL = Pattern.compile("[A-Z][A-Z0-9]*(?:(?:×|\\||=|\\.\\.)[A-Z][A-Z0-9]*)*");

    @TempDir
    Path dir;

    private List<CommandLine> commands() {
        List<CommandLine> all = new ArrayList<>();
        collect(new Cli(new Invocation(Map.of(), dir, dir)).commandLine(), all);
        return all;
    }

    private static void collect(CommandLine cl, List<CommandLine> into) {
        into.add(cl);
        cl.getSubcommands().values().stream().filter(sub -> sub.getParent() == cl).forEach(sub -> collect(sub, into));
    }

    private static String help(CommandLine cl) {
        return cl.getUsageMessage(Help.Ansi.OFF);
    }

    /** The text with every run of white space made one space, as a reader takes wrapped lines. */
    private static String flat(String text) {
        return text.replace("%n", " ").replaceAll("\\s+", " ").strip();
    }

    @Test
    void everyLineFitsTheWidth() {
        for (CommandLine cl : commands()) {
            for (String line : help(cl).lines().toList()) {
                assertTrue(line.length() <= 80 || !line.strip().contains(" "),
                        cl.getCommandSpec().qualifiedName() + ": a line of " + line.length() + ": " + line);
            }
        }
    }

    @Test
    void descriptionsAndOptionTextsAreBrokenOnlyAtSpaces() {
        for (CommandLine cl : commands()) {
            String name = cl.getCommandSpec().qualifiedName();
            String text = flat(help(cl));
            for (String paragraph : cl.getCommandSpec().usageMessage().description()) {
                assertTrue(text.contains(flat(paragraph)), name + ": the description is cut: " + paragraph + "\n" + help(cl));
            }
            for (OptionSpec o : cl.getCommandSpec().options()) {
                for (String d : o.renderedDescription()) {
                    assertTrue(text.contains(flat(d)), name + " " + o.longestName() + ": cut: " + d + "\n" + help(cl));
                }
            }
            for (CommandLine sub : cl.getSubcommands().values()) {
                String[] summary = sub.getCommandSpec().usageMessage().description();
                if (summary.length > 0) {
                    String first = HelpLayout.firstSentence(summary[0]);
                    assertTrue(text.contains(flat(first)), name + ": the command list cuts " + first + "\n" + help(cl));
                }
            }
            assertTrue(text.contains(flat(ExitCodes.FOOTER)), name + ": no exit codes\n" + help(cl));
        }
    }

    @Test
    void optionLabelsFollowOneStyle() {
        for (CommandLine cl : commands()) {
            String name = cl.getCommandSpec().qualifiedName();
            String text = help(cl);
            assertFalse(Pattern.compile("<[A-Za-z]+>").matcher(text).find(), name + ": a picocli default label\n" + text);
            for (OptionSpec o : cl.getCommandSpec().options()) {
                if (o.arity().max() > 0) {
                    assertTrue(LABEL.matcher(o.paramLabel()).matches(), name + " " + o.longestName() + ": label " + o.paramLabel());
                    assertTrue(flat(text).contains(o.longestName() + "=" + o.paramLabel()), name + ": " + o.longestName());
                }
            }
            for (PositionalParamSpec p : cl.getCommandSpec().positionalParameters()) {
                assertTrue(LABEL.matcher(p.paramLabel()).matches(), name + ": parameter label " + p.paramLabel());
            }
        }
    }

    @Test
    void wrappingBreaksAtSpacesOnly() {
        assertEquals(List.of("see search.alpha", "  and", "  pool.size=4"), HelpLayout.wrap("see search.alpha and pool.size=4", 16, 2));
        assertEquals("Run benchmarks.", HelpLayout.firstSentence("Run benchmarks. Each measures against search.width."));
    }
}
