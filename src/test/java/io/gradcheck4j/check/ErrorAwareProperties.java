package io.gradcheck4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.arbitraries.NetworkCase;
import io.gradcheck4j.arbitraries.Networks;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.Identity;
import io.gradcheck4j.engine.layers.Sigmoid;
import io.gradcheck4j.engine.layers.Tanh;
import io.gradcheck4j.engine.losses.HalfSquaredError;
import io.gradcheck4j.engine.losses.MeanSquaredError;
import io.gradcheck4j.engine.losses.SoftmaxCrossEntropy;
import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.mutants.Mutant;
import io.gradcheck4j.mutants.Mutants;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * The error-aware rule never fails correct smooth networks, and FAST mode with the default probes flags every
 * planted mutant of {@link Mutants} that FULL mode flags.
 */
class ErrorAwareProperties {

    @Property(seed = "20260411", tries = 100)
    void correctSmoothNetworksNeverFail(@ForAll long seed) {
        // GIVEN a random correct network of 1-3 affine + smooth activation blocks and a random objective
        NetworkFunction f = randomSmoothNetwork(new SplittableRandom(seed));
        // WHEN checked in FULL mode under the default error-aware rule
        CheckReport report = new GradientChecker(CheckOptions.defaults().withParallelism(1)).check(f);
        // THEN every entry passes and nothing is found
        assertTrue(report.passed(), () -> f.describe() + "\n" + report.mismatches() + "\n" + report.findings());
        assertEquals(0, report.nonDifferentiable());
        assertEquals(List.of(), report.findings());
    }

    @Property(seed = "20260413", tries = 40)
    void fastModeWithTheDefaultProbesFlagsAPlantedMutantWheneverFullModeDoes(@ForAll("plantedCases") Tuple2<Mutant, NetworkCase> sample) {
        // GIVEN a random case with a catalog mutant planted
        NetworkFunction f = sample.get1().plant().apply(sample.get2()).function();
        // WHEN checked in FULL mode and in FAST mode with the default probes
        CheckReport full = new GradientChecker(CheckOptions.defaults().withParallelism(1)).check(f);
        CheckReport fast = new GradientChecker(CheckOptions.defaults().withParallelism(1).fast(CheckOptions.DEFAULT_PROBES)).check(f);
        // THEN FAST flags it whenever FULL does (unless a probe straddled a kink and saw nothing)
        if (!full.passed() && fast.nonDifferentiable() == 0) {
            assertFalse(fast.passed(), sample.get1() + " on " + sample.get2() + ": FULL fails " + full.mismatches());
        }
    }

    @Provide
    Arbitrary<Tuple2<Mutant, NetworkCase>> plantedCases() {
        return Arbitraries.of(Mutants.catalog()).flatMap(m -> m.cases().apply(Networks.mlps()).map(c -> Tuple.of(m, c)));
    }

    static NetworkFunction randomSmoothNetwork(SplittableRandom r) {
        int batch = 1 + r.nextInt(4);
        int width = 1 + r.nextInt(5);
        Tensor x = RandomTensors.uniform(r, -2, 2, batch, width);
        List<Layer> layers = new ArrayList<>();
        int blocks = 1 + r.nextInt(3);
        for (int b = 0; b < blocks; b++) {
            int out = 1 + r.nextInt(5);
            layers.add(new Affine(RandomTensors.uniform(r, -1.5, 1.5, width, out), RandomTensors.uniform(r, -1, 1, out)));
            Layer[] activations = {new Sigmoid(), new Tanh(), new Identity()};
            layers.add(activations[r.nextInt(activations.length)]);
            width = out;
        }
        Objective objective = switch (r.nextInt(4)) {
            case 0 -> Objective.loss(new HalfSquaredError(), RandomTensors.uniform(r, -1, 1, batch, width));
            case 1 -> Objective.loss(new MeanSquaredError(), RandomTensors.uniform(r, -1, 1, batch, width));
            case 2 -> Objective.loss(new SoftmaxCrossEntropy(), softLabels(r, batch, width));
            default -> Objective.upstream(RandomTensors.uniform(r, -1, 1, batch, width));
        };
        return new NetworkFunction(new Network(layers), x, objective);
    }

    private static Tensor softLabels(SplittableRandom r, int batch, int classes) {
        Tensor raw = RandomTensors.uniform(r, 0.1, 1, batch, classes);
        double[] p = raw.toArray();
        for (int b = 0; b < batch; b++) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += p[b * classes + c];
            }
            for (int c = 0; c < classes; c++) {
                p[b * classes + c] /= sum;
            }
        }
        return Tensor.of(p, batch, classes);
    }

}
