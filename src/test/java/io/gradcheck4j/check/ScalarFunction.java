package io.gradcheck4j.check;

import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.DoubleUnaryOperator;

/** A black-box Differentiable of one scalar variable x: f(x) with a given derivative, no branch information. */
final class ScalarFunction implements Differentiable {
    private final DoubleUnaryOperator f;
    private final DoubleUnaryOperator derivative;
    private final Tensor x;

    ScalarFunction(DoubleUnaryOperator f, DoubleUnaryOperator derivative, double at) {
        this.f = f;
        this.derivative = derivative;
        this.x = Tensor.vector(at);
    }

    @Override
    public String describe() {
        return "scalar function";
    }

    @Override
    public List<Variable> variables() {
        return List.of(new Variable("x", "x", x));
    }

    @Override
    public Map<String, Tensor> analyticGradient() {
        return Map.of("x", Tensor.vector(derivative.applyAsDouble(x.get(0))));
    }

    @Override
    public DoubleSupplier bind(String name, Tensor scratch) {
        return () -> f.applyAsDouble(scratch.get(0));
    }
}
