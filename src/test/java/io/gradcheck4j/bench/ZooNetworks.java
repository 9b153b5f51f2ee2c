package io.gradcheck4j.bench;

import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.AvgPool2D;
import io.gradcheck4j.engine.layers.Conv2D;
import io.gradcheck4j.engine.layers.Flatten;
import io.gradcheck4j.engine.layers.Lstm;
import io.gradcheck4j.engine.layers.SelfAttention;
import io.gradcheck4j.engine.layers.Tanh;
import io.gradcheck4j.engine.losses.HalfSquaredError;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The image, sequence and attention networks of the speed table, with the shapes of the PyTorch peer's
 * benchmark fixtures, scored by half squared error E = 1/2 &Sigma; (y - t)<sup>2</sup>, weights uniform in
 * &plusmn;1/&radic;fan-in, inputs uniform in [-1, 1), targets in [0, 1), drawn from a seed:
 * <ul>
 *   <li>CNN (3,114 parameters): conv2d 3 &rarr; 8, k 3, padding 1 on 2 x 3 x 12 x 12, tanh, avg-pool 2, flatten, affine 288 &rarr; 10;</li>
 *   <li>LSTM (2,083): batch 4, time 10, 8 &rarr; 16, flatten, affine 160 &rarr; 3;</li>
 *   <li>attention (1,347): self_attention over [4, 12, 16] (d<sub>k</sub> 16), flatten, affine 192 &rarr; 3.</li>
 * </ul>
 */
final class ZooNetworks {
    /** Parameter count of the CNN. */
    static final int CNN = 3114;
    /** Parameter count of the LSTM network. */
    static final int LSTM = 2083;
    /** Parameter count of the attention network. */
    static final int ATTENTION = 1347;

    private ZooNetworks() {
    }

    /** The network with {@code parameters} parameters ({@link #CNN}, {@link #LSTM} or {@link #ATTENTION}) as a checkable function. */
    static NetworkFunction withParameterCount(int parameters, long seed) {
        RandomGenerator random = new SplittableRandom(seed);
        Network network;
        Tensor x;
        int batch;
        int out;
        switch (parameters) {
            case CNN -> {
                network = Network.of(new Conv2D(uniform(random, 27, 8, 3, 3, 3), uniform(random, 27, 8), 1, 1), new Tanh(),
                        new AvgPool2D(2, 2), new Flatten(), new Affine(uniform(random, 288, 288, 10), uniform(random, 288, 10)));
                x = RandomTensors.uniform(random, -1, 1, 2, 3, 12, 12);
                batch = 2;
                out = 10;
            }
            case LSTM -> {
                network = Network.of(new Lstm(uniform(random, 16, 8, 64), uniform(random, 16, 16, 64), uniform(random, 16, 64)),
                        new Flatten(), new Affine(uniform(random, 160, 160, 3), uniform(random, 160, 3)));
                x = RandomTensors.uniform(random, -1, 1, 4, 10, 8);
                batch = 4;
                out = 3;
            }
            case ATTENTION -> {
                network = Network.of(new SelfAttention(uniform(random, 16, 16, 16), uniform(random, 16, 16, 16), uniform(random, 16, 16, 16)),
                        new Flatten(), new Affine(uniform(random, 192, 192, 3), uniform(random, 192, 3)));
                x = RandomTensors.uniform(random, -1, 1, 4, 12, 16);
                batch = 4;
                out = 3;
            }
            default -> throw new IllegalArgumentException("no zoo network has " + parameters + " parameters (" + CNN + ", " + LSTM + " or " + ATTENTION + ")");
        }
        Tensor target = RandomTensors.uniform(random, 0, 1, batch, out);
        return new NetworkFunction(network, x, Objective.loss(new HalfSquaredError(), target));
    }

    private static Tensor uniform(RandomGenerator random, int fanIn, int... shape) {
        double r = 1 / Math.sqrt(fanIn);
        return RandomTensors.uniform(random, -r, r, shape);
    }
}
