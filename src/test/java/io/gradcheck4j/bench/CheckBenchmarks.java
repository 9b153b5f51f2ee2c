package io.gradcheck4j.bench;

import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.report.CheckReport;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A full check (every entry of the input and of every parameter, central differences, all cores) of the
 * benchmark MLPs, as {@code GradientChecker.withDefaults().check(f)} runs it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CheckBenchmarks {

    /** The full check with the default options. */
    @Benchmark
    public CheckReport fullCheck(MlpState s) {
        return GradientChecker.withDefaults().check(s.function);
    }
}
