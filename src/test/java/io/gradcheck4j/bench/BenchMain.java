package io.gradcheck4j.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH benchmarks of this package and prints their results as a Markdown table, plus the backprop
 * cost in forward passes (gradient time / forward time) of every MLP. Arguments are JMH's own (e.g.
 * {@code PassBenchmarks -p params=35594 -f 1}); with no benchmark pattern every benchmark here runs.
 *
 * <p>Run with {@code mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
 * -Dmdep.includeScope=test && java -cp target/test-classes:target/classes:$(cat target/bench.cp) io.gradcheck4j.bench.BenchMain}
 * (see README).
 */
public final class BenchMain {
    private BenchMain() {
    }

    /** Runs the selected benchmarks and prints the table. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions cli = new CommandLineOptions(args);
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(BenchMain.class.getPackageName() + ".*Benchmarks");
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        System.out.println(table(results));
    }

    /** The results as a Markdown table: benchmark, parameters, score &plusmn; error, unit; then the cost ratios. */
    static String table(Collection<RunResult> results) {
        List<RunResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparing((RunResult r) -> r.getParams().getBenchmark())
                .thenComparing(r -> Integer.parseInt(r.getParams().getParam("params"))));
        StringBuilder sb = new StringBuilder("| benchmark | parameters | time | unit |\n|---|---:|---:|---|\n");
        Map<String, Double> forward = new LinkedHashMap<>();
        Map<String, Double> gradient = new LinkedHashMap<>();
        for (RunResult r : sorted) {
            String name = r.getParams().getBenchmark();
            String shortName = name.substring(name.lastIndexOf('.') + 1);
            String params = r.getParams().getParam("params");
            double score = r.getPrimaryResult().getScore();
            sb.append(String.format(Locale.ROOT, "| %s | %,d | %.4g &plusmn; %.2g | %s |%n", shortName,
                    Integer.parseInt(params), score, r.getPrimaryResult().getScoreError(), r.getPrimaryResult().getScoreUnit()));
            if (shortName.equals("forward")) {
                forward.put(params, score);
            } else if (shortName.equals("gradient")) {
                gradient.put(params, score);
            }
        }
        for (Map.Entry<String, Double> f : forward.entrySet()) {
            Double g = gradient.get(f.getKey());
            if (g != null) {
                sb.append(String.format(Locale.ROOT, "%nbackprop gradient of the %,d-parameter MLP = %.2f forward passes",
                        Integer.parseInt(f.getKey()), g / f.getValue()));
            }
        }
        return sb.toString();
    }
}
