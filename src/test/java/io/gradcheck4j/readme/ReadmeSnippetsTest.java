package io.gradcheck4j.readme;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every Java snippet of README's "Checking your own code" is at most 10 lines and appears verbatim in this package's sources, which compile and run. */
class ReadmeSnippetsTest {
    private static final Path HERE = Path.of("src/test/java/io/gradcheck4j/readme");

    @Test
    void everySnippetIsShortAndCompiledHere() throws IOException {
        // GIVEN the section's java blocks and the sources of this package, each line stripped of its indentation
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("## Checking your own code");
        assertTrue(start > 0, "README has no section 'Checking your own code'");
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Matcher blocks = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(section);
        List<List<String>> sources = new ArrayList<>();
        try (Stream<Path> files = Files.list(HERE)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                sources.add(Files.readAllLines(p).stream().map(String::strip).toList());
            }
        }
        int found = 0;
        // WHEN each block is looked up; THEN it has at most 10 lines and is a run of consecutive lines of one source
        while (blocks.find()) {
            found++;
            List<String> snippet = blocks.group(1).lines().map(String::strip).toList();
            assertTrue(snippet.size() <= 10, snippet.size() + " lines: " + snippet);
            assertTrue(sources.stream().anyMatch(lines -> Collections.indexOfSubList(lines, snippet) >= 0),
                    "not verbatim in " + HERE + ": " + String.join("\n", snippet));
        }
        assertFalse(found < 7, "expected 7 java snippets, found " + found);
    }
}
