package dev.stepwise.prover.problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSONL problem format of {@code datasets/}: one object per line with {@code name},
 * {@code split}, {@code header}, {@code formal_statement}, {@code informal_statement} and
 * {@code source} (an object or a string). Extra fields are ignored. Every defect is collected
 * with its line, so a user sees all of them at once.
 */
public final class JsonlProblemReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonlProblemReader() {
    }

    public static ProblemSet read(String text, String file) {
        List<Problem> problems = new ArrayList<>();
        List<Defect> defects = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        String[] lines = text.split("\n", -1);
        int termMode = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int lineNo = i + 1;
            if (line.isEmpty()) {
                continue;
            }
            JsonNode row;
            try {
                row = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                defects.add(new Defect(file, lineNo, (int) e.getLocation().getColumnNr(),
                        "not valid JSON: " + e.getOriginalMessage()));
                continue;
            }
            if (!row.isObject()) {
                defects.add(new Defect(file, lineNo, 0, "expected a JSON object, got " + row.getNodeType()));
                continue;
            }
            List<String> missing = new ArrayList<>();
            String name = text(row, "name", missing);
            String split = text(row, "split", missing);
            String header = text(row, "header", missing);
            String statement = text(row, "formal_statement", missing);
            if (!missing.isEmpty()) {
                defects.add(new Defect(file, lineNo, 0, "missing or non-text field(s): " + String.join(", ", missing)));
                continue;
            }
            if (name.isBlank()) {
                defects.add(new Defect(file, lineNo, 0, "empty 'name'"));
                continue;
            }
            String trimmed = statement.stripTrailing();
            if (trimmed.endsWith(":=")) {
                statement = trimmed + " by";
                termMode++;
            } else if (!trimmed.endsWith(":= by")) {
                defects.add(new Defect(file, lineNo, 0, "formal_statement of '" + name + "' must end in ':= by' or ':='"));
                continue;
            }
            int seen = counts.merge(name, 1, Integer::sum);
            String unique = name;
            if (seen > 1) {
                unique = name + "~" + seen;
                notes.add(file + ":" + lineNo + ": '" + name + "' appears again; this row is named '" + unique + "'");
            }
            JsonNode informal = row.get("informal_statement");
            problems.add(new Problem(unique, split, header, statement,
                    informal == null || informal.isNull() ? "" : informal.asText(), source(row.get("source"), file, lineNo)));
        }
        if (!defects.isEmpty()) {
            throw new ProblemFileException(defects);
        }
        if (problems.isEmpty()) {
            throw new ProblemFileException(List.of(new Defect(file, 1, 0, "no problems in file")));
        }
        if (termMode > 0) {
            notes.add(file + ": " + termMode + " statement(s) ended in ':='; 'by' was appended to make them tactic proofs");
        }
        return new ProblemSet(file, problems, notes);
    }

    private static String text(JsonNode row, String field, List<String> missing) {
        JsonNode node = row.get(field);
        if (node == null || !node.isTextual()) {
            missing.add(field);
            return null;
        }
        return node.asText();
    }

    /** {@code repo@commit:path[:line]} for the dataset rows; a string source is kept as it is. */
    private static String source(JsonNode source, String file, int lineNo) {
        if (source == null || source.isNull()) {
            return file + ":" + lineNo;
        }
        if (source.isTextual()) {
            return source.asText();
        }
        StringBuilder sb = new StringBuilder();
        String repo = source.path("repo").asText("");
        String commit = source.path("commit").asText("");
        String path = source.path("path").asText("");
        if (repo.isEmpty() && path.isEmpty()) {
            return source.toString();
        }
        sb.append(repo);
        if (!commit.isEmpty()) {
            sb.append('@').append(commit, 0, Math.min(12, commit.length()));
        }
        sb.append(':').append(path);
        if (source.has("line")) {
            sb.append(':').append(source.get("line").asText());
        }
        return sb.toString();
    }
}
