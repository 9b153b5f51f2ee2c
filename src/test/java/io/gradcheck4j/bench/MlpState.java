package io.gradcheck4j.bench;

import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.race.SigmoidMlp;
import io.gradcheck4j.tensor.Tensor;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The three benchmark MLPs of the speed table (sigmoid hidden layer, half squared error):
 * 4-8-3 batch 2 (67 parameters), 32-64-10 batch 8 (2,762) and 128-256-10 batch 16 (35,594).
 */
@State(Scope.Benchmark)
public class MlpState {
    /** Which MLP: its parameter count. */
    @Param({"67", "2762", "35594"})
    public int params;

    /** The checked function f = E(network(x)). */
    public NetworkFunction function;
    /** Its network. */
    public Network network;
    /** One forward trace, for the backward benchmark. */
    public Network.Trace trace;
    /** dE/dy at that trace. */
    public Tensor outputGradient;

    /** Builds the MLP with {@code params} parameters from a fixed seed. */
    @Setup
    public void build() {
        SigmoidMlp mlp = SigmoidMlp.withParameterCount(params);
        function = mlp.build(42);
        network = function.network();
        trace = network.trace(function.input());
        outputGradient = function.objective().gradient(trace.output());
    }
}
