package io.gradcheck4j.bench;

import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.race.SigmoidMlp;
import io.gradcheck4j.report.CheckReport;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A full check (every entry of the input and of every parameter, all cores) of the benchmark MLPs, as
 * {@code GradientChecker.withDefaults().check(f)} runs it, and a FAST check (random projections) of them
 * and of a 1,000,010-parameter MLP; the same two checks of the CNN, LSTM and attention networks of
 * {@link ZooNetworks}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class CheckBenchmarks {
    private static final CheckOptions FAST = CheckOptions.defaults().fast(CheckOptions.defaults().probes());

    /** The full check with the default options. */
    @Benchmark
    public CheckReport fullCheck(MlpState s) {
        return GradientChecker.withDefaults().check(s.function);
    }

    /** The benchmark MLPs plus the 1,000,010-parameter one (989-1000-10, batch 16) for the fast check. */
    @State(Scope.Benchmark)
    public static class FastState {
        /** Which MLP: its parameter count. */
        @Param({"67", "2762", "35594", "1000010"})
        public int params;

        /** The checked function. */
        public NetworkFunction function;

        /** Builds the MLP from a fixed seed. */
        @Setup
        public void build() {
            function = SigmoidMlp.withParameterCount(params).build(42);
        }
    }

    /** The FAST check (random projections, default probes per tensor) with otherwise default options. */
    @Benchmark
    public CheckReport fastCheck(FastState s) {
        return new GradientChecker(FAST).check(s.function);
    }

    /** The CNN, LSTM and attention networks, named by their parameter counts. */
    @State(Scope.Benchmark)
    public static class ZooState {
        /** Which network: its parameter count (3114 CNN, 2083 LSTM, 1347 attention, 1082 pool and norm). */
        @Param({"3114", "2083", "1347", "1082"})
        public int params;

        /** The checked function. */
        public NetworkFunction function;

        /** Builds the network from a fixed seed. */
        @Setup
        public void build() {
            function = ZooNetworks.withParameterCount(params, 42);
        }
    }

    /** The full check of a zoo network with the default options. */
    @Benchmark
    public CheckReport zooFullCheck(ZooState s) {
        return GradientChecker.withDefaults().check(s.function);
    }

    /** The FAST check of a zoo network. */
    @Benchmark
    public CheckReport zooFastCheck(ZooState s) {
        return new GradientChecker(FAST).check(s.function);
    }
}
