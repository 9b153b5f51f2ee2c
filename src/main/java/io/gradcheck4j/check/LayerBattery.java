package io.gradcheck4j.check;

import io.gradcheck4j.engine.LayerFailure;
import io.gradcheck4j.engine.LayerSample;
import io.gradcheck4j.engine.LayerType;
import io.gradcheck4j.engine.LayerTypes;
import io.gradcheck4j.report.CaseResult;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The generic battery: every registered layer type's {@link LayerType#samples samples}, each checked as
 * J(y) = &Sigma; y &middot; u with a random upstream gradient u in [-1, 1] (a vector-Jacobian product along
 * a random direction). Each type draws from its own {@code new SplittableRandom(seed)}, so the samples of
 * one type do not change when another type is registered.
 */
public final class LayerBattery {
    private final GradientChecker checker;
    private final LayerTypes types;

    /** A battery over {@code types}, checked by {@code checker}. */
    public LayerBattery(GradientChecker checker, LayerTypes types) {
        this.checker = checker;
        this.types = types;
    }

    /** One case per sample, named {@code <type> #<k>}; a layer that throws gives a case with an error. */
    public List<CaseResult> run(long seed) {
        List<CaseResult> results = new ArrayList<>();
        for (LayerType type : types.all()) {
            SplittableRandom random = new SplittableRandom(seed);
            List<LayerSample> samples;
            try {
                samples = type.samples(random);
            } catch (RuntimeException e) {
                results.add(new CaseResult("layer", type.name(), "samples", List.of(), null, "drawing samples failed: " + e));
                continue;
            }
            for (int k = 0; k < samples.size(); k++) {
                results.add(check(type.name() + " #" + (k + 1), samples.get(k), random));
            }
        }
        return results;
    }

    private CaseResult check(String name, LayerSample sample, SplittableRandom random) {
        try {
            Tensor output = sample.layer().forward(sample.input());
            Tensor upstream = RandomTensors.uniform(random, -1, 1, output.shape());
            return new CaseResult("layer", name, sample.description(), List.of(),
                    checker.check(NetworkFunction.ofLayer(sample.layer(), sample.input(), upstream)), null);
        } catch (CheckAborted | LayerFailure e) {
            return new CaseResult("layer", name, sample.description(), List.of(), null, e.getMessage());
        } catch (RuntimeException e) {
            return new CaseResult("layer", name, sample.description(), List.of(), null,
                    "the " + sample.layer().type() + " layer threw " + e);
        }
    }
}
