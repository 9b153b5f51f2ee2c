package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What a consumer who adds only gradcheck4j (test scope) receives. */
class ClasspathTest {

    @Test
    void theJUnitPlatformIsTheOneJupiterNeeds() {
        // GIVEN the platform, Jupiter and jqwik engines resolved from gradcheck4j's pom alone
        String commons = versionOf(org.junit.platform.commons.util.ReflectionUtils.class);
        String engine = versionOf(org.junit.platform.engine.TestEngine.class);
        String jupiter = versionOf(org.junit.jupiter.engine.JupiterTestEngine.class);
        // WHEN their versions are compared  THEN platform 1.N.m goes with Jupiter 5.N.m
        assertEquals(commons, engine, "junit-platform-commons vs junit-platform-engine");
        assertEquals(jupiter.substring(jupiter.indexOf('.')), engine.substring(engine.indexOf('.')),
                "junit-jupiter " + jupiter + " vs junit-platform " + engine);
    }

    @Test
    void theCommandLineLibrariesStayOut() {
        // GIVEN the consumer's test classpath  WHEN the command line's libraries are looked up  THEN none is there
        for (String cliOnly : List.of("picocli.CommandLine", "org.knowm.xchart.XYChart",
                "me.tongfei.progressbar.ProgressBar", "org.jline.terminal.Terminal",
                "org.apache.pdfbox.pdmodel.PDDocument")) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(cliOnly), cliOnly);
        }
    }

    @Test
    void theResolvedDependencyListHasNoCommandLineArtifact() throws IOException {
        // GIVEN the list dependency:list wrote for this project
        List<String> artifacts = Files.readAllLines(Path.of("target", "dependencies.txt")).stream()
                .map(String::trim).filter(line -> line.contains(":")).collect(Collectors.toList());
        System.out.println("consumer's resolved dependencies:\n  " + String.join("\n  ", artifacts));
        // WHEN it is searched for the command line's artifacts  THEN it has gradcheck4j and none of them
        assertTrue(artifacts.stream().anyMatch(a -> a.startsWith("io.gradcheck4j:gradcheck4j:jar:")), "gradcheck4j");
        for (String group : List.of("info.picocli:", "org.knowm.xchart:", "me.tongfei:", "org.jline:",
                "org.apache.pdfbox:", "de.rototor.pdfbox:", "de.erichseifert.")) {
            assertTrue(artifacts.stream().noneMatch(a -> a.startsWith(group)), group + " in " + artifacts);
        }
    }

    private static String versionOf(Class<?> type) {
        String version = type.getPackage().getImplementationVersion();
        assertTrue(version != null, "no Implementation-Version in the jar of " + type.getName());
        return version;
    }
}
