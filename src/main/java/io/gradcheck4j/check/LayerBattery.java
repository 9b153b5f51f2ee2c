package io.gradcheck4j.check;

import io.gradcheck4j.engine.LayerFailure;
import io.gradcheck4j.engine.LayerSample;
import io.gradcheck4j.engine.LayerType;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.report.CaseResult;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * The generic battery: every given layer type's {@link LayerType#samples samples}, each checked as
 * J(y) = &Sigma; y &middot; u with a random upstream gradient u in [-1, 1] (a vector-Jacobian product along
 * a random direction). Each type draws from its own {@code new SplittableRandom(seed)}, so the samples of
 * one type do not change when another type is registered.
 *
 * <p>Entries whose stencil straddles a kink (the layer's branch pattern changes between x - h and x + h) are
 * reported by the checker as non-differentiable, neither passed nor failed. A type with {@link LayerType#integerInput()} is
 * checked on its parameters only (its input gradient is zero by definition).
 */
public final class LayerBattery {
    private final GradientChecker checker;
    private final List<LayerType> types;

    /** A battery over {@code types} (e.g. {@code LayerTypes.builtIn().all()}), checked by {@code checker}. */
    public LayerBattery(GradientChecker checker, List<LayerType> types) {
        this.checker = checker;
        this.types = List.copyOf(types);
    }

    /** One case per sample, named {@code <type> #<k>}; a layer that throws gives a case with an error. */
    public List<CaseResult> run(long seed) {
        List<CaseResult> results = new ArrayList<>();
        for (LayerType type : types) {
            SplittableRandom random = new SplittableRandom(seed);
            List<LayerSample> samples;
            try {
                samples = type.samples(random);
            } catch (RuntimeException e) {
                results.add(new CaseResult("layer", type.name(), "samples", List.of(), null, "drawing samples failed: " + e));
                continue;
            }
            for (int k = 0; k < samples.size(); k++) {
                results.add(check(type, type.name() + " #" + (k + 1), samples.get(k), random));
            }
        }
        return results;
    }

    private CaseResult check(LayerType type, String name, LayerSample sample, SplittableRandom random) {
        try {
            Tensor output = sample.layer().forward(sample.input());
            Tensor upstream = RandomTensors.uniform(random, -1, 1, output.shape());
            Differentiable f = NetworkFunction.ofLayer(sample.layer(), sample.input(), upstream);
            return new CaseResult("layer", name, sample.description(), List.of(),
                    checker.check(type.integerInput() ? new WithoutInput(f) : f), null);
        } catch (CheckAborted | LayerFailure e) {
            return new CaseResult("layer", name, sample.description(), List.of(), null, e.getMessage());
        } catch (RuntimeException e) {
            return new CaseResult("layer", name, sample.description(), List.of(), null,
                    "the " + sample.layer().type() + " layer threw " + e);
        }
    }

    /** f with the input removed from its variables: only the parameters are checked. */
    private record WithoutInput(Differentiable f) implements Differentiable {
        @Override
        public String describe() {
            return f.describe() + " (parameters only: integer input)";
        }

        @Override
        public List<Variable> variables() {
            return f.variables().stream().filter(v -> !v.name().equals(Network.INPUT)).toList();
        }

        @Override
        public Map<String, Tensor> analyticGradient() {
            return f.analyticGradient();
        }

        @Override
        public DoubleSupplier bind(String name, Tensor scratch) {
            return f.bind(name, scratch);
        }

        @Override
        public Probe probe(String name, Tensor scratch) {
            return f.probe(name, scratch);
        }
    }
}
