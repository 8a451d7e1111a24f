package dev.stepwise.prover.report;

/** Escaping for text placed in HTML and SVG. */
final class Html {
    private Html() {
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A file name for a problem page that is safe on every file system and unique per name. */
    static String pageName(String problem) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < problem.length(); i++) {
            char c = problem.charAt(i);
            b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-') ? c : '_');
        }
        return b + "-" + Integer.toHexString(problem.hashCode()) + ".html";
    }
}
