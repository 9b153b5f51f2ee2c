package io.gradcheck4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.arbitraries.NetworkCase;
import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.arbitraries.Networks;
import io.gradcheck4j.arbitraries.Tensors;
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
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * The error-aware rule never fails correct smooth networks, and FAST mode with the default probes flags every
 * planted mutant of {@link Mutants} that FULL mode flags.
 */
@GradientProperties
class ErrorAwareProperties {

    @Property(seed = "20260411", tries = 100)
    void correctSmoothNetworksNeverFail(@ForAll("smoothNetworks") NetworkFunction f) {
        // GIVEN a random correct network of 1-3 affine + smooth activation blocks and a random objective
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

    /**
     * Inputs [batch, width] in [-2, 2], then 1-3 blocks of affine (weights in [-1.5, 1.5], biases in [-1, 1]) and
     * sigmoid, tanh or identity, and one of half squared error, mse (targets in [-1, 1]), softmax cross-entropy on
     * soft labels, or an upstream gradient in [-1, 1]; widths and batch 1 to 5 and 1 to 4. Shrinks towards one
     * block 1 -> 1 with a sigmoid, half squared error and values near 0.
     */
    @Provide
    Arbitrary<NetworkFunction> smoothNetworks() {
        Arbitrary<List<Integer>> widths = Arbitraries.integers().between(1, 3).flatMap(blocks ->
                Arbitraries.integers().between(1, 5).list().ofSize(blocks + 1));
        return Combinators.combine(Arbitraries.integers().between(1, 4), widths).flatAs((batch, w) -> {
            List<Arbitrary<Layer>> layers = new ArrayList<>();
            for (int i = 0; i + 1 < w.size(); i++) {
                layers.add(Combinators.combine(Tensors.of(w.get(i), w.get(i + 1)).between(-1.5, 1.5).decimals(6),
                        Tensors.of(w.get(i + 1)).between(-1, 1).decimals(6)).as(Affine::new));
                layers.add(Arbitraries.of(new Sigmoid(), new Tanh(), new Identity()));
            }
            int out = w.get(w.size() - 1);
            return Combinators.combine(Combinators.combine(layers).as(Network::new), Tensors.of(batch, w.get(0)).decimals(6),
                    objectives(batch, out)).as(NetworkFunction::new);
        });
    }

    private static Arbitrary<Objective> objectives(int batch, int width) {
        Arbitrary<Tensor> values = Tensors.of(batch, width).between(-1, 1).decimals(6);
        return Arbitraries.oneOf(
                values.map(t -> Objective.loss(new HalfSquaredError(), t)),
                values.map(t -> Objective.loss(new MeanSquaredError(), t)),
                Tensors.of(batch, width).between(0.1, 1).decimals(6).map(raw -> Objective.loss(new SoftmaxCrossEntropy(), softLabels(raw))),
                values.map(Objective::upstream));
    }

    /** Each row of {@code raw} (positive) divided by its sum. */
    private static Tensor softLabels(Tensor raw) {
        int batch = raw.dim(0);
        int classes = raw.dim(1);
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
