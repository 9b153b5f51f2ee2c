package io.gradcheck4j.bench;

import io.gradcheck4j.engine.Network;
import io.gradcheck4j.tensor.Tensor;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One forward pass, one backward pass, and one backprop gradient (forward + backward, what a training step
 * pays) of the benchmark MLPs. The ratio gradient / forward is the backprop cost in forward passes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class PassBenchmarks {

    /** y = network(x). */
    @Benchmark
    public Tensor forward(MlpState s) {
        return s.network.forward(s.function.input());
    }

    /** All gradients from a stored trace and dE/dy. */
    @Benchmark
    public Map<String, Tensor> backward(MlpState s) {
        return s.network.backward(s.trace, s.outputGradient);
    }

    /** Forward, loss gradient and backward: one backprop gradient. */
    @Benchmark
    public Map<String, Tensor> gradient(MlpState s) {
        Network.Trace trace = s.network.trace(s.function.input());
        return s.network.backward(trace, s.function.objective().gradient(trace.output()));
    }
}
