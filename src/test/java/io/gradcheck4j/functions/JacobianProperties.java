package io.gradcheck4j.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.Gradcheck;
import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.report.Mismatch;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;

/**
 * f(x) = tanh(A x) for a random m x n matrix A (m, n in 1..5), whose Jacobian is, by hand,
 * J[i][j] = (1 - tanh<sup>2</sup>((A x)<sub>i</sub>)) A[i][j]. The exact derivative passes through every route and
 * mode; one entry off by &delta; &ge; 1e-4 fails through every FULL route, at exactly that output and input entry.
 */
@GradientProperties
class JacobianProperties {

    /** The routes of the direct API. */
    enum Route { VJP, JVP, JACOBIAN, FAST_VJP, FAST_JVP }

    private record Map(int m, int n, double[] a) {
        double[] f(double[] x) {
            double[] y = new double[m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    y[i] += a[i * n + j] * x[j];
                }
                y[i] = Math.tanh(y[i]);
            }
            return y;
        }

        double[][] jacobian(double[] x, int wrongRow, int wrongColumn, double delta) {
            double[] y = f(x);
            double[][] j = new double[m][n];
            for (int i = 0; i < m; i++) {
                for (int k = 0; k < n; k++) {
                    j[i][k] = (1 - y[i] * y[i]) * a[i * n + k];
                }
            }
            j[wrongRow][wrongColumn] += delta;
            return j;
        }

        CheckReport check(Route route, double[] x, int r, int c, double delta) {
            CheckOptions fast = CheckOptions.defaults().fast(CheckOptions.DEFAULT_PROBES);
            return switch (route) {
                case VJP -> Gradcheck.vjp(this::f, (v, dy) -> transposeTimes(jacobian(v, r, c, delta), dy), x);
                case JVP -> Gradcheck.jvp(this::f, (v, u) -> times(jacobian(v, r, c, delta), u), x);
                case JACOBIAN -> Gradcheck.jacobian(this::f, v -> jacobian(v, r, c, delta), x);
                case FAST_VJP -> Gradcheck.vjp(this::f, (v, dy) -> transposeTimes(jacobian(v, r, c, delta), dy), x, fast);
                case FAST_JVP -> Gradcheck.jvp(this::f, (v, u) -> times(jacobian(v, r, c, delta), u), x, fast);
            };
        }
    }

    private static double[] times(double[][] j, double[] u) {
        double[] out = new double[j.length];
        for (int i = 0; i < j.length; i++) {
            for (int k = 0; k < u.length; k++) {
                out[i] += j[i][k] * u[k];
            }
        }
        return out;
    }

    private static double[] transposeTimes(double[][] j, double[] dy) {
        double[] out = new double[j[0].length];
        for (int i = 0; i < j.length; i++) {
            for (int k = 0; k < out.length; k++) {
                out[k] += j[i][k] * dy[i];
            }
        }
        return out;
    }

    private static double[] first(List<Double> values, int count) {
        return values.subList(0, count).stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Property(seed = "10", tries = 100)
    void theExactJacobianPassesThroughEveryRoute(@ForAll @IntRange(min = 1, max = 5) int m, @ForAll @IntRange(min = 1, max = 5) int n,
                                                 @ForAll @Size(25) List<@DoubleRange(min = -2, max = 2) Double> a,
                                                 @ForAll @Size(5) List<@DoubleRange(min = -2, max = 2) Double> x,
                                                 @ForAll Route route) {
        // GIVEN tanh(A x) with its exact derivative
        Map f = new Map(m, n, first(a, m * n));
        // WHEN checked through the route
        CheckReport report = f.check(route, first(x, n), 0, 0, 0);
        // THEN it passes, having compared all m x n entries (FULL) or the 3 projections (FAST)
        assertTrue(report.passed(), report.mismatches() + " " + report.findings());
        assertEquals(route.name().startsWith("FAST") ? 3 : m * n, report.checked());
    }

    @Property(seed = "12", tries = 100)
    void oneWrongEntryFailsAtExactlyThatOutputAndInput(@ForAll @IntRange(min = 1, max = 5) int m, @ForAll @IntRange(min = 1, max = 5) int n,
                                                       @ForAll @Size(25) List<@DoubleRange(min = -2, max = 2) Double> a,
                                                       @ForAll @Size(5) List<@DoubleRange(min = -2, max = 2) Double> x,
                                                       @ForAll @IntRange(min = 0, max = 4) int row, @ForAll @IntRange(min = 0, max = 4) int column,
                                                       @ForAll @DoubleRange(min = 1e-4, max = 1) @Scale(6) double delta,
                                                       @ForAll("fullRoutes") Route route) {
        // GIVEN tanh(A x) with J[row][column] off by delta
        Map f = new Map(m, n, first(a, m * n));
        int r = row % m;
        int c = column % n;
        // WHEN checked through a FULL route
        CheckReport report = f.check(route, first(x, n), r, c, delta);
        // THEN exactly that entry fails, named by output and input index
        assertEquals(1, report.failures(), report.mismatches().toString());
        Mismatch wrong = report.mismatches().get(0);
        assertEquals((m == 1 ? "f" : "output " + r) + " with respect to input x", wrong.location());
        assertArrayEquals(new int[] {c}, wrong.index());
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Route> fullRoutes() {
        return net.jqwik.api.Arbitraries.of(Route.VJP, Route.JVP, Route.JACOBIAN);
    }
}
