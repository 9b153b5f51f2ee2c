package io.gradcheck4j.race;

import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.Sigmoid;
import io.gradcheck4j.engine.losses.HalfSquaredError;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The benchmark network of the speed figures: in &rarr; affine &rarr; sigmoid &rarr; affine &rarr; out on a
 * batch, scored by half squared error E = 1/2 &Sigma; (y - t)<sup>2</sup>. It has
 * P = in &middot; hidden + hidden + hidden &middot; out + out parameters, e.g. 67 for 4-8-3,
 * 2,762 for 32-64-10 and 35,594 for 128-256-10.
 *
 * @param in     input width
 * @param hidden width of the sigmoid layer
 * @param out    output width
 * @param batch  rows of the input
 */
public record SigmoidMlp(int in, int hidden, int out, int batch) {

    /** Validates that every size is positive. */
    public SigmoidMlp {
        if (in < 1 || hidden < 1 || out < 1 || batch < 1) {
            throw new IllegalArgumentException("MLP sizes must be >= 1, got " + in + "-" + hidden + "-" + out + " batch " + batch);
        }
    }

    /** 4-8-3, batch 2: 67 parameters. */
    public static SigmoidMlp small() {
        return new SigmoidMlp(4, 8, 3, 2);
    }

    /** 32-64-10, batch 8: 2,762 parameters. */
    public static SigmoidMlp medium() {
        return new SigmoidMlp(32, 64, 10, 8);
    }

    /** 128-256-10, batch 16: 35,594 parameters. */
    public static SigmoidMlp large() {
        return new SigmoidMlp(128, 256, 10, 16);
    }

    /** 989-1000-10, batch 16: 1,000,010 parameters (the one-million target of the fast check). */
    public static SigmoidMlp million() {
        return new SigmoidMlp(989, 1000, 10, 16);
    }

    /**
     * The benchmark MLP with {@code parameters} parameters: 67, 2,762, 35,594 or 1,000,010.
     *
     * @throws IllegalArgumentException for any other count
     */
    public static SigmoidMlp withParameterCount(long parameters) {
        for (SigmoidMlp mlp : List.of(small(), medium(), large(), million())) {
            if (mlp.parameterCount() == parameters) {
                return mlp;
            }
        }
        throw new IllegalArgumentException("no benchmark MLP has " + parameters + " parameters (67, 2762, 35594 or 1000010)");
    }

    /** The number of parameters P. */
    public long parameterCount() {
        return (long) in * hidden + hidden + (long) hidden * out + out;
    }

    /** E.g. {@code 128-256-10 batch 16}. */
    public String describe() {
        return in + "-" + hidden + "-" + out + " batch " + batch;
    }

    /**
     * A random instance as a checkable function: weights uniform in &plusmn;1/&radic;fan-in (PyTorch's
     * default), inputs uniform in [-1, 1), targets uniform in [0, 1), all drawn from {@code seed}.
     */
    public NetworkFunction build(long seed) {
        RandomGenerator random = new SplittableRandom(seed);
        double r1 = 1 / Math.sqrt(in);
        double r2 = 1 / Math.sqrt(hidden);
        Network network = Network.of(
                new Affine(RandomTensors.uniform(random, -r1, r1, in, hidden), RandomTensors.uniform(random, -r1, r1, hidden)),
                new Sigmoid(),
                new Affine(RandomTensors.uniform(random, -r2, r2, hidden, out), RandomTensors.uniform(random, -r2, r2, out)));
        Tensor x = RandomTensors.uniform(random, -1, 1, batch, in);
        Tensor target = RandomTensors.uniform(random, 0, 1, batch, out);
        return new NetworkFunction(network, x, Objective.loss(new HalfSquaredError(), target));
    }
}
