package dev.stepwise.prover.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.Layout;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine;

/**
 * The help of every command, laid out by picocli at the terminal's width but broken only at
 * spaces: picocli's own wrapping asks Java's line {@code BreakIterator}, which breaks after a dot
 * or a slash inside a word ("search. / alpha", "~/. / local"), so option names and keys in a
 * description would be cut. Descriptions are one string per paragraph; the command list shows
 * each command's first sentence; every command's footer states the exit codes.
 */
final class HelpLayout {
    /** Continuation lines of a wrapped cell, as picocli indents them. */
    private static final int CONTINUATION = 2;

    private HelpLayout() {
    }

    /** Applies the layout to {@code cl} and every subcommand below it. */
    static void apply(CommandLine cl) {
        cl.setHelpFactory(SpaceWrappingHelp::new);
        UsageMessageSpec usage = cl.getCommandSpec().usageMessage();
        usage.autoWidth(true);
        usage.footer("%n" + ExitCodes.FOOTER);
        Map<String, CommandLine.IHelpSectionRenderer> sections = cl.getHelpSectionMap();
        sections.put(UsageMessageSpec.SECTION_KEY_SYNOPSIS, HelpLayout::synopsis);
        sections.put(UsageMessageSpec.SECTION_KEY_DESCRIPTION, help -> paragraphs(help, help.commandSpec().usageMessage().description()));
        sections.put(UsageMessageSpec.SECTION_KEY_FOOTER, help -> paragraphs(help, help.commandSpec().usageMessage().footer()));
        sections.put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commandList);
        cl.setHelpSectionMap(sections);
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getParent() == cl) { // an alias is the same CommandLine again
                apply(sub);
            }
        }
    }

    /** Lines of at most {@code width} characters, broken at spaces only (a word longer than a line stands alone). */
    static List<String> wrap(String text, int width, int continuation) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            String indent = "";
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.strip().split(" +")) {
                if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
                    lines.add(line.toString());
                    indent = " ".repeat(continuation);
                    line = new StringBuilder(indent);
                } else if (line.length() > indent.length()) {
                    line.append(' ');
                }
                line.append(word);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static String paragraphs(Help help, String[] paragraphs) {
        StringBuilder out = new StringBuilder();
        int width = help.commandSpec().usageMessage().width();
        for (String p : paragraphs) {
            for (String line : wrap(p.replace("%n", "\n"), width, 0)) {
                out.append(line.stripTrailing()).append(System.lineSeparator());
            }
        }
        return out.toString();
    }

    /**
     * picocli's synopsis laid out on one line (at a width nothing reaches, set for this call
     * only), then wrapped at the spaces between its elements, aligned after the command's name.
     */
    private static String synopsis(Help help) {
        UsageMessageSpec usage = help.commandSpec().usageMessage();
        boolean auto = usage.autoWidth();
        int width = usage.width();
        String line;
        try {
            usage.autoWidth(false).width(10_000);
            line = help.synopsis(0).strip();
        } finally {
            usage.width(width).autoWidth(auto);
        }
        int heading = help.synopsisHeadingLength();
        int indent = heading + help.commandSpec().qualifiedName().length() + 1;
        StringBuilder out = new StringBuilder();
        List<String> lines = wrap(line, width - heading, indent - heading);
        for (int i = 0; i < lines.size(); i++) {
            out.append(i == 0 ? "" : " ".repeat(heading)).append(lines.get(i)).append(System.lineSeparator());
        }
        return out.toString();
    }

    /** Each subcommand with the first sentence of its header or description, wrapped beside its name. */
    private static String commandList(Help help) {
        Map<String, Help> subs = help.subcommands();
        if (subs.isEmpty()) {
            return "";
        }
        int nameWidth = subs.keySet().stream().mapToInt(String::length).max().orElse(0);
        int width = help.commandSpec().usageMessage().width();
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Help> e : subs.entrySet()) {
            UsageMessageSpec usage = e.getValue().commandSpec().usageMessage();
            String[] summary = usage.header().length > 0 ? usage.header() : usage.description();
            String first = summary.length == 0 ? "" : firstSentence(summary[0]);
            String pad = "  " + e.getKey() + " ".repeat(nameWidth - e.getKey().length() + 2);
            List<String> lines = wrap(first, width - pad.length(), CONTINUATION);
            for (int i = 0; i < lines.size(); i++) {
                out.append(i == 0 ? pad : " ".repeat(pad.length())).append(lines.get(i)).append(System.lineSeparator());
            }
        }
        return out.toString();
    }

    /** Up to the first full stop that ends a sentence (not one inside a name such as search.width). */
    static String firstSentence(String paragraph) {
        String text = paragraph.replace("%n", " ").strip();
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }

    /** picocli's help, with option and parameter lists laid out in a {@link SpaceWrappingTable}. */
    private static final class SpaceWrappingHelp extends Help {
        SpaceWrappingHelp(CommandSpec spec, ColorScheme scheme) {
            super(spec, scheme);
        }

        @Override
        public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals, ColorScheme scheme) {
            Layout layout = super.createDefaultLayout(options, positionals, scheme);
            return new Layout(scheme, new SpaceWrappingTable(scheme, layout.textTable().columns()),
                    createDefaultOptionRenderer(), createDefaultParameterRenderer());
        }
    }

    /**
     * picocli's table, but a value too long for its wrapping column is broken at spaces here and
     * put in line by line, each of which fits, so picocli's own breaking never runs.
     */
    private static final class SpaceWrappingTable extends TextTable {
        private final ColorScheme scheme;

        SpaceWrappingTable(ColorScheme scheme, Column[] columns) {
            super(scheme, columns);
            this.scheme = scheme;
        }

        @Override
        public Cell putValue(int row, int col, Text value) {
            Column column = columns()[col];
            String plain = value.plainString();
            if (column.overflow != Column.Overflow.WRAP || column.indent + plain.length() <= column.width) {
                return super.putValue(row, col, value);
            }
            List<String> lines = wrap(plain, column.width - column.indent - 1, CONTINUATION);
            Cell last = null;
            for (int i = 0; i < lines.size(); i++) {
                while (rowCount() <= row + i) {
                    addEmptyRow();
                }
                last = super.putValue(row + i, col, scheme.ansi().new Text(lines.get(i), scheme));
            }
            return last;
        }
    }
}
