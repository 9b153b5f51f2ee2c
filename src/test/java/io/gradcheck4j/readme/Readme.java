package io.gradcheck4j.readme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * README.md read as a list of examples, in document order. What counts as an example:
 * <ul>
 *   <li>a fenced {@code java} block: a snippet that must compile ({@link Snippet});</li>
 *   <li>a command: a line of a fenced block, or an inline code span, that starts (after an optional {@code $ }) with
 *       {@code java -jar target/gradcheck4j.jar} or {@code target/gradcheck4j}; a trailing {@code # comment} is
 *       dropped, and in an inline span only the part from the command on counts ({@code mvn ... && java -jar ...});</li>
 *   <li>a synopsis: a command with a placeholder ({@code FIXTURE}, {@code NAME[i,j]}: a word in capitals; or
 *       {@code ...}) or an optional part ({@code [--budget 2]}); it is not run, but every option it names must be in its command's
 *       {@code --help}.</li>
 * </ul>
 * An HTML comment on the line(s) before a fenced block directs how it is used:
 * <ul>
 *   <li>{@code <!-- readme: file PATH -->}: the block is the content of PATH (relative to the scratch directory
 *       the commands run in), written before anything runs;</li>
 *   <li>{@code <!-- readme: run -->}: the block is a shell script run with {@code bash -e} (e.g. building a jar);</li>
 *   <li>{@code <!-- readme: given Tensor x, Tensor u -->}: a java fragment is wrapped in a method with these parameters;</li>
 *   <li>{@code <!-- readme: exit N -->}: the commands of the block exit with N (default 0);</li>
 *   <li>{@code <!-- readme: output -->}: the block is the standard output of the command before it, line by line;
 *       {@code ...} or {@code …} stands for any text, a line of only {@code ...} for any number of lines, and
 *       {@code <n>} for one number.</li>
 * </ul>
 */
record Readme(List<Example> examples) {
    private static final Pattern DIRECTIVE = Pattern.compile("<!--\\s*readme:\\s*(\\w+)\\s*(.*?)\\s*-->");
    private static final Pattern INLINE = Pattern.compile("`([^`]+)`");
    private static final Pattern COMMAND = Pattern.compile("(?:java -jar target/gradcheck4j\\.jar|target/gradcheck4j)(?=\\s|$).*");
    private static final Pattern PLACEHOLDER = Pattern.compile("(^|\\s)([A-Z][A-Z_]+(\\[[^\\]]*\\])?|\\.\\.\\.|…)(?=\\s|$)|\\[--");

    /** One example; {@code line} is its 1-based line in README.md. */
    sealed interface Example permits Snippet, Command, Script, FileBlock {
        int line();
    }

    /** A java block; {@code given} is the parameter list of a wrapped fragment, or empty. */
    record Snippet(int line, String code, Optional<String> given) implements Example {}

    /** A command with its expected exit code and, when the README shows it, its expected standard output. */
    record Command(int line, String text, boolean synopsis, int exit, Optional<String> output) implements Example {
        Command withOutput(String expected) {
            return new Command(line, text, synopsis, exit, Optional.of(expected));
        }
    }

    /** A block run as a shell script. */
    record Script(int line, String text) implements Example {}

    /** A block that is the content of a file. */
    record FileBlock(int line, String path, String content) implements Example {}

    static Readme parse(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<Example> examples = new ArrayList<>();
        List<String[]> directives = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher directive = DIRECTIVE.matcher(line.strip());
            if (directive.matches()) {
                directives.add(new String[] {directive.group(1), directive.group(2)});
                continue;
            }
            if (line.startsWith("```")) {
                String lang = line.substring(3).strip();
                int start = i + 1;
                StringBuilder body = new StringBuilder();
                for (i = start; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                    body.append(lines.get(i)).append('\n');
                }
                block(start + 1, lang, body.toString(), directives, examples);
                directives.clear();
                continue;
            }
            if (!line.isBlank()) {
                directives.clear();
            }
            Matcher inline = INLINE.matcher(line);
            while (inline.find()) {
                Matcher command = COMMAND.matcher(inline.group(1));
                if (command.find()) {
                    examples.add(command(i + 1, command.group(), 0));
                }
            }
        }
        return new Readme(List.copyOf(examples));
    }

    private static void block(int line, String lang, String body, List<String[]> directives, List<Example> examples) {
        int exit = 0;
        Optional<String> given = Optional.empty();
        for (String[] d : directives) {
            switch (d[0]) {
                case "file" -> {
                    examples.add(new FileBlock(line, d[1], body));
                    if (!lang.equals("java")) {
                        return;
                    }
                }
                case "run" -> {
                    examples.add(new Script(line, body));
                    return;
                }
                case "output" -> {
                    attachOutput(line, body, examples);
                    return;
                }
                case "exit" -> exit = Integer.parseInt(d[1]);
                case "given" -> given = Optional.of(d[1]);
                default -> throw new IllegalArgumentException("README.md line " + line + ": unknown directive readme: " + d[0]);
            }
        }
        if (lang.equals("java")) {
            examples.add(new Snippet(line, body, given));
            return;
        }
        String[] rows = body.split("\n", -1);
        for (int k = 0; k < rows.length; k++) {
            String row = rows[k].strip();
            row = row.startsWith("$ ") ? row.substring(2).strip() : row;
            if (COMMAND.matcher(row).matches()) {
                examples.add(command(line + k, row.replaceFirst("\\s+#.*$", ""), exit));
            }
        }
    }

    private static void attachOutput(int line, String body, List<Example> examples) {
        for (int k = examples.size() - 1; k >= 0; k--) {
            if (examples.get(k) instanceof Command c && !c.synopsis()) {
                examples.set(k, c.withOutput(body));
                return;
            }
        }
        throw new IllegalArgumentException("README.md line " + line + ": readme: output with no command before it");
    }

    private static Command command(int line, String text, int exit) {
        String stripped = text.strip();
        return new Command(line, stripped, PLACEHOLDER.matcher(stripped).find(), exit, Optional.empty());
    }

    /**
     * Whether {@code actual} is what {@code expected} shows: line by line, trailing blanks ignored, with the
     * wildcards of the class comment.
     */
    static boolean matches(String expected, String actual) {
        StringBuilder regex = new StringBuilder();
        for (String line : expected.stripTrailing().replaceFirst("^\n+", "").split("\n")) {
            if (line.strip().equals("...") || line.strip().equals("…")) {
                regex.append("(?:[^\\n]*\\n)*?");
                continue;
            }
            String quoted = Pattern.quote(line.stripTrailing())
                    .replace("...", "\\E.*?\\Q").replace("…", "\\E.*?\\Q")
                    .replace("<n>", "\\E-?[0-9][0-9.,]*(?:[eE][-+]?[0-9]+)?\\Q");
            regex.append(quoted).append("[ \\t]*\\n");
        }
        String normalised = actual.replace("\r", "").strip() + "\n";
        normalised = normalised.lines().map(String::stripTrailing).reduce("", (a, b) -> a + b + "\n");
        return Pattern.compile(regex.toString()).matcher(normalised).matches();
    }
}
