package io.gradcheck4j.readme;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gradcheck4j.Gradcheck;
import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.engine.layers.Tanh;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.tensor.Tensor;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The snippets of README's "Checking your own code", verbatim between the marker comments. */
class ReadmeEntryPointsTest {

    @Test
    void fiveEntryPoints() {
        // GIVEN / WHEN the README's five entry points; THEN every assertPassed returns
        // README: five entry points
        double[] x = {0.5, -1.2, 2.0};
        UnaryOperator<double[]> sin = v -> new double[] {Math.sin(v[0]), Math.sin(v[1]), Math.sin(v[2])};
        Gradcheck.scalar(v -> v[0] * v[1] * v[2], v -> new double[] {v[1] * v[2], v[0] * v[2], v[0] * v[1]}, x).assertPassed();
        Gradcheck.vjp(sin, (v, dy) -> new double[] {Math.cos(v[0]) * dy[0], Math.cos(v[1]) * dy[1], Math.cos(v[2]) * dy[2]}, x).assertPassed();
        Gradcheck.jvp(sin, (v, u) -> new double[] {Math.cos(v[0]) * u[0], Math.cos(v[1]) * u[1], Math.cos(v[2]) * u[2]}, x).assertPassed();
        Gradcheck.jacobian(sin, v -> new double[][] {{Math.cos(v[0]), 0, 0}, {0, Math.cos(v[1]), 0}, {0, 0, Math.cos(v[2])}}, x).assertPassed();
        Gradcheck.layer(new Tanh(), Tensor.vector(x)).assertPassed();    // any Layer: here the built-in tanh, yours below
        // end
    }

    @Test
    void secondOrder() {
        // GIVEN / WHEN the README's gradgradcheck of f = x0 x1 x2; THEN both routes pass
        // README: second order
        double[] x = {0.5, -1.2, 2.0};
        UnaryOperator<double[]> gradient = v -> new double[] {v[1] * v[2], v[0] * v[2], v[0] * v[1]};
        Gradcheck.jacobian(gradient, v -> new double[][] {{0, v[2], v[1]}, {v[2], 0, v[0]}, {v[1], v[0], 0}}, x).assertPassed();
        Gradcheck.vjp(gradient, (v, w) -> new double[] {v[2] * w[1] + v[1] * w[2], v[2] * w[0] + v[0] * w[2], v[1] * w[0] + v[0] * w[1]}, x)
                .assertPassed();
        // end
    }

    @Test
    void namedInputsAndOptions() {
        // GIVEN / WHEN the README's y = w . x + b with respect to w, b and x, in FAST mode; THEN it passes
        // README: named inputs
        double[] w = {0.3, -0.7};
        double[] b = {0.1};
        double[] x = {1.5, 2.5};
        CheckReport report = Gradcheck.of(CheckOptions.defaults().fast(3)).input("w", w).input("b", b).input("x", x)
                .vjp(a -> new double[] {a[0][0] * a[2][0] + a[0][1] * a[2][1] + a[1][0]},
                     (a, dy) -> new double[][] {{dy[0] * a[2][0], dy[0] * a[2][1]}, {dy[0]}, {dy[0] * a[0][0], dy[0] * a[0][1]}});
        report.assertPassed();
        // end
    }

    @Test
    void aWrongDerivativeThrows() {
        // GIVEN / WHEN the README's wrong derivative of sin; THEN assertPassed throws
        assertThrows(AssertionFailedError.class, () -> {
            // README: a failure
            Gradcheck.vjp(v -> new double[] {Math.sin(v[0]), v[0] * v[1]}, (v, dy) -> new double[] {Math.cos(v[0]) * dy[0] + v[1] * dy[1], v[1] * dy[1]},
                    new double[] {0.5, 2.0}).assertPassed();
            // end
        });
    }
}
