package io.gradcheck4j.bench;

import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.AvgPool2D;
import io.gradcheck4j.engine.layers.BatchNorm;
import io.gradcheck4j.engine.layers.Conv2D;
import io.gradcheck4j.engine.layers.Flatten;
import io.gradcheck4j.engine.layers.LayerNorm;
import io.gradcheck4j.engine.layers.Lstm;
import io.gradcheck4j.engine.layers.MaxPool2D;
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
 *   <li>attention (1,347): self_attention over [4, 12, 16] (d<sub>k</sub> 16), flatten, affine 192 &rarr; 3;</li>
 *   <li>pool and norm (1,082): max-pool 2 on 4 x 3 x 8 x 8, flatten, batch_norm 48, tanh, affine 48 &rarr; 16,
 *       layer_norm 16, affine 16 &rarr; 10 (&gamma; uniform in [0.5, 1.5), &beta; in &plusmn;0.1).</li>
 * </ul>
 */
final class ZooNetworks {
    /** Parameter count of the CNN. */
    static final int CNN = 3114;
    /** Parameter count of the LSTM network. */
    static final int LSTM = 2083;
    /** Parameter count of the attention network. */
    static final int ATTENTION = 1347;
    /** Parameter count of the pool and norm network. */
    static final int POOL_NORM = 1082;

    private ZooNetworks() {
    }

    /** The network with {@code parameters} parameters ({@link #CNN}, {@link #LSTM}, {@link #ATTENTION} or {@link #POOL_NORM}) as a checkable function. */
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
            case POOL_NORM -> {
                network = Network.of(new MaxPool2D(2, 2), new Flatten(),
                        new BatchNorm(RandomTensors.uniform(random, 0.5, 1.5, 48), RandomTensors.uniform(random, -0.1, 0.1, 48), BatchNorm.DEFAULT_EPSILON),
                        new Tanh(), new Affine(uniform(random, 48, 48, 16), uniform(random, 48, 16)),
                        new LayerNorm(RandomTensors.uniform(random, 0.5, 1.5, 16), RandomTensors.uniform(random, -0.1, 0.1, 16), LayerNorm.DEFAULT_EPSILON),
                        new Affine(uniform(random, 16, 16, 10), uniform(random, 16, 10)));
                x = RandomTensors.uniform(random, -1, 1, 4, 3, 8, 8);
                batch = 4;
                out = 10;
            }
            default -> throw new IllegalArgumentException("no zoo network has " + parameters + " parameters (" + CNN + ", " + LSTM + ", "
                    + ATTENTION + " or " + POOL_NORM + ")");
        }
        Tensor target = RandomTensors.uniform(random, 0, 1, batch, out);
        return new NetworkFunction(network, x, Objective.loss(new HalfSquaredError(), target));
    }

    private static Tensor uniform(RandomGenerator random, int fanIn, int... shape) {
        double r = 1 / Math.sqrt(fanIn);
        return RandomTensors.uniform(random, -r, r, shape);
    }
}
