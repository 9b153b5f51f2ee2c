package io.gradcheck4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradcheck4j.report.HtmlReport;
import io.gradcheck4j.report.JsonReport;
import io.gradcheck4j.report.PartialReports;
import io.gradcheck4j.report.RunReport;
import io.gradcheck4j.report.TextReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gradcheck4j merge-reports FILE...}: the report of an unsharded check from the partial reports of
 * {@code check --shard 1/N} ... {@code N/N} (see {@link PartialReports}), as a table or JSON.
 */
@Command(name = "merge-reports", mixinStandardHelpOptions = true, version = Main.VERSION,
        header = "Combines the partial reports of check --shard I/N into the report of the unsharded check.",
        description = {"Combines the N partial JSON reports of check --shard 1/N ... N/N (in any order) into the report of the",
                "unsharded check: the same verdicts, worst entries, counts and listed mismatches.",
                "Exit codes: 0 all passed, 1 a value or gradient is wrong, 2 bad input (a missing, repeated or foreign shard)."})
final class MergeReportsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the merged report as JSON instead of the table.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the merged report as a self-contained HTML page.")
    Path html;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Partial reports written by check --shard I/N.")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<JsonNode> partials = new ArrayList<>();
        RunReport run;
        try {
            ObjectMapper mapper = new ObjectMapper();
            for (Path file : files) {
                partials.add(read(mapper, file));
            }
            run = PartialReports.merge(partials);
        } catch (IllegalArgumentException | NullPointerException e) {
            err.println("gradcheck4j: error: " + (e instanceof NullPointerException ? "a file is not a partial report of check --shard" : e.getMessage()));
            err.flush();
            return Execution.BAD_INPUT;
        }
        out.print(json ? JsonReport.run(run) : TextReport.run(run));
        out.flush();
        if (html != null) {
            try {
                Files.writeString(html, new HtmlReport("gradcheck4j: " + TextReport.summary(run)).run(run).render(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("gradcheck4j: error: cannot write the HTML report " + html + " (" + e.getClass().getSimpleName() + ")");
                err.flush();
                return Execution.BAD_INPUT;
            }
        }
        return run.passed() ? Execution.OK : Execution.FAILED;
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }
}
