package io.gradcheck4j.check;

import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.UnaryOperator;

/**
 * A network function with a planted backward error: only the variable {@code name} is checked, and its analytic
 * gradient g is replaced by wrong(g); every evaluation of f is the network's own.
 */
final class PlantedGradient {
    private PlantedGradient() {
    }

    /** {@code f} with the gradient of {@code name} replaced by {@code wrong} of it, described as f's text + {@code what}. */
    static Differentiable of(NetworkFunction f, String name, UnaryOperator<Tensor> wrong, String what) {
        return new Differentiable() {
            @Override
            public String describe() {
                return f.describe() + what;
            }

            @Override
            public List<Variable> variables() {
                return f.variables().stream().filter(v -> v.name().equals(name)).toList();
            }

            @Override
            public Map<String, Tensor> analyticGradient() {
                Map<String, Tensor> g = new LinkedHashMap<>(f.analyticGradient());
                g.put(name, wrong.apply(g.get(name)));
                return g;
            }

            @Override
            public DoubleSupplier bind(String variable, Tensor scratch) {
                return f.bind(variable, scratch);
            }

            @Override
            public Probe probe(String variable, Tensor scratch) {
                return f.probe(variable, scratch);
            }

            @Override
            public CoordinateFunction bindCoordinates(String variable) {
                return f.bindCoordinates(variable);
            }

            @Override
            public DirectionFunction bindDirection(String variable, Tensor direction) {
                return f.bindDirection(variable, direction);
            }
        };
    }
}
