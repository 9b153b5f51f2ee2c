package io.gradcheck4j;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package dependencies of the main code flow one way:
 * <pre>
 * tensor &lt;- engine (and engine.*) &lt;- report &lt;- check &lt;- functions
 *        &lt;- fixtures, contract, junit, arbitraries (the library's test support)
 *        &lt;- explain, race, charts (the command line's tools)
 *        &lt;- io.gradcheck4j.Gradcheck (the facade) &lt;- cli
 * </pre>
 * Each package may use only packages to its left. {@code report} (the records a check returns and their
 * text, JSON and HTML renderings) sits below {@code check}, which returns a {@code report.CheckReport}:
 * the results need only the engine's names and tensors, never the checker. No package cycle, at the level of
 * single packages or of top-level packages. The command line's libraries (picocli, XChart with PDFBox,
 * progressbar with JLine, optional in the published pom) stay in {@code cli}, {@code race} and
 * {@code charts}; JUnit and jqwik stay in {@code junit} and {@code arbitraries}, which the command line never
 * uses, so the runnable jar ships without them.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.gradcheck4j");

    @Test
    void dependenciesFlowOneWay() {
        // GIVEN the main classes  WHEN their dependencies are matched against the layers  THEN none points up
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("tensor").definedBy("io.gradcheck4j.tensor..")
                .layer("engine").definedBy("io.gradcheck4j.engine..")
                .layer("report").definedBy("io.gradcheck4j.report..")
                .layer("check").definedBy("io.gradcheck4j.check..")
                .layer("functions").definedBy("io.gradcheck4j.functions..")
                .layer("support").definedBy("io.gradcheck4j.fixtures..", "io.gradcheck4j.contract..",
                        "io.gradcheck4j.junit..", "io.gradcheck4j.arbitraries..")
                .layer("tools").definedBy("io.gradcheck4j.explain..", "io.gradcheck4j.race..", "io.gradcheck4j.charts..")
                .layer("facade").definedBy("io.gradcheck4j")
                .layer("cli").definedBy("io.gradcheck4j.cli..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("facade").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("tools").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("support").mayOnlyBeAccessedByLayers("tools", "facade", "cli")
                .whereLayer("functions").mayOnlyBeAccessedByLayers("support", "tools", "facade", "cli")
                .whereLayer("check").mayOnlyBeAccessedByLayers("functions", "support", "tools", "facade", "cli")
                .whereLayer("report").mayOnlyBeAccessedByLayers("check", "functions", "support", "tools", "facade", "cli")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("report", "check", "functions", "support", "tools",
                        "facade", "cli")
                .check(MAIN);
    }

    @Test
    void noPackageCycle() {
        // GIVEN the main classes  WHEN single packages are the slices  THEN no cycle (e.g. engine <-> engine.losses)
        slices().matching("io.gradcheck4j.(**)").should().beFreeOfCycles()
                .check(MAIN);
    }

    @Test
    void noCycleBetweenTopLevelPackages() {
        // GIVEN the main classes  WHEN each top-level package with its subpackages is a slice  THEN no cycle
        slices().matching("io.gradcheck4j.(*)..").should().beFreeOfCycles()
                .check(MAIN);
    }

    @Test
    void theCommandLinesLibrariesStayInTheCommandLine() {
        // GIVEN the classes a library consumer loads  WHEN their dependencies are listed  THEN no optional library
        noClasses().that().resideOutsideOfPackages("io.gradcheck4j.cli..", "io.gradcheck4j.race..", "io.gradcheck4j.charts..")
                .should().dependOnClassesThat().resideInAnyPackage("picocli..", "org.knowm.xchart..",
                        "me.tongfei.progressbar..", "org.jline..", "org.apache.pdfbox..", "de.rototor.pdfbox..")
                .check(MAIN);
    }

    @Test
    void testFrameworksStayInTheTestSupport() {
        // GIVEN the main classes  WHEN their dependencies are listed  THEN only junit and arbitraries use JUnit or jqwik
        noClasses().that().resideOutsideOfPackages("io.gradcheck4j.junit..", "io.gradcheck4j.arbitraries..")
                .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "net.jqwik..")
                .check(MAIN);
        // AND the command line, which the runnable jar ships without them, uses neither package
        noClasses().that().resideInAPackage("io.gradcheck4j.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("io.gradcheck4j.junit..", "io.gradcheck4j.arbitraries..")
                .check(MAIN);
    }
}
