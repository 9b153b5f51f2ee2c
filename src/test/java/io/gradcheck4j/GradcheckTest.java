package io.gradcheck4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.check.CheckAborted;
import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.report.Mismatch;
import io.gradcheck4j.report.Reports;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The direct API on functions with hand-derived derivatives. The 5-output function is
 * f<sub>i</sub>(x) = x<sub>i</sub><sup>2</sup> x<sub>i+1</sub> + sin x<sub>i</sub> (indices mod 5), so
 * &part;f<sub>i</sub>/&part;x<sub>i</sub> = 2 x<sub>i</sub> x<sub>i+1</sub> + cos x<sub>i</sub>,
 * &part;f<sub>i</sub>/&part;x<sub>i+1</sub> = x<sub>i</sub><sup>2</sup>, and every other entry is 0. The wrong
 * variants put 1e-3 at J[2][3] (whose true value is x<sub>2</sub><sup>2</sup>).
 */
class GradcheckTest {
    private static final double[] X = {0.7, -1.3, 0.4, 2.1, -0.6};
    private static final int N = X.length;
    private static final double WRONG = 1e-3;

    private static double[] f(double[] x) {
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            y[i] = x[i] * x[i] * x[(i + 1) % N] + Math.sin(x[i]);
        }
        return y;
    }

    /** The Jacobian, with {@code error} added at [2][3]. */
    private static double[][] jacobian(double[] x, double error) {
        double[][] j = new double[N][N];
        for (int i = 0; i < N; i++) {
            j[i][i] = 2 * x[i] * x[(i + 1) % N] + Math.cos(x[i]);
            j[i][(i + 1) % N] = x[i] * x[i];
        }
        j[2][3] += error;
        return j;
    }

    private static double[] vjp(double[] x, double[] dy, double error) {
        double[][] j = jacobian(x, error);
        double[] dx = new double[N];
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < N; k++) {
                dx[k] += dy[i] * j[i][k];
            }
        }
        return dx;
    }

    private static double[] jvp(double[] x, double[] u, double error) {
        double[][] j = jacobian(x, error);
        double[] out = new double[N];
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < N; k++) {
                out[i] += j[i][k] * u[k];
            }
        }
        return out;
    }

    private static void assertNamesTheWrongEntry(CheckReport report) {
        assertFalse(report.passed());
        assertEquals(1, report.failures(), report.mismatches().toString());
        Mismatch m = report.mismatches().get(0);
        assertEquals("output 2 with respect to input x", m.location());
        assertArrayEquals(new int[] {3}, m.index());
        assertEquals(X[2] * X[2] + WRONG, m.analytic(), 1e-15);
        assertEquals(X[2] * X[2], m.numeric(), 1e-8);
    }

    @Test
    void scalarSumOfCubesPassesAndAGradientOffBy1e4Fails() {
        // GIVEN f = sum x^3 with gradient 3 x^2
        double[] x = {0.5, -1.2, 2.0, 0.3};
        // WHEN the exact gradient is checked, and one whose entry 1 is off by 1e-4
        CheckReport right = Gradcheck.scalar(v -> v[0] * v[0] * v[0] + v[1] * v[1] * v[1] + v[2] * v[2] * v[2] + v[3] * v[3] * v[3],
                v -> new double[] {3 * v[0] * v[0], 3 * v[1] * v[1], 3 * v[2] * v[2], 3 * v[3] * v[3]}, x);
        CheckReport wrong = Gradcheck.scalar(v -> v[0] * v[0] * v[0] + v[1] * v[1] * v[1] + v[2] * v[2] * v[2] + v[3] * v[3] * v[3],
                v -> new double[] {3 * v[0] * v[0], 3 * v[1] * v[1] + 1e-4, 3 * v[2] * v[2], 3 * v[3] * v[3]}, x);
        // THEN the first passes on all 4 entries; the second fails at f with respect to x[1] only, analytic 4.32 + 1e-4
        assertTrue(right.passed(), right.mismatches().toString());
        assertEquals(4, right.checked());
        assertEquals(1, wrong.failures());
        Mismatch m = wrong.mismatches().get(0);
        assertEquals("f with respect to input x", m.location());
        assertArrayEquals(new int[] {1}, m.index());
        assertEquals(3 * 1.44 + 1e-4, m.analytic(), 1e-12);
        assertEquals(3 * 1.44, m.numeric(), 1e-8);
    }

    @Test
    void theCorrectJacobianPassesThroughEveryRoute() {
        // GIVEN the exact vjp, jvp and Jacobian of the 5-output f
        // WHEN each is checked in FULL mode
        List<CheckReport> reports = List.of(
                Gradcheck.vjp(GradcheckTest::f, (x, dy) -> vjp(x, dy, 0), X),
                Gradcheck.jvp(GradcheckTest::f, (x, u) -> jvp(x, u, 0), X),
                Gradcheck.jacobian(GradcheckTest::f, x -> jacobian(x, 0), X));
        // THEN each passes having compared all 25 entries of J (5 outputs x 5 inputs)
        for (CheckReport r : reports) {
            assertTrue(r.passed(), r.subject() + ": " + r.mismatches() + r.findings());
            assertEquals(25, r.checked(), r.subject());
            assertDoesNotThrow(r::assertPassed);
        }
    }

    @Test
    void oneWrongOffDiagonalEntryFailsThroughVjp() {
        // GIVEN a vjp whose J[2][3] is off by 1e-3
        // WHEN the Jacobian is checked
        CheckReport report = Gradcheck.vjp(GradcheckTest::f, (x, dy) -> vjp(x, dy, WRONG), X);
        // THEN exactly output 2 with respect to x[3] fails
        assertNamesTheWrongEntry(report);
    }

    @Test
    void oneWrongOffDiagonalEntryFailsThroughJvp() {
        // GIVEN a jvp whose J[2][3] is off by 1e-3
        CheckReport report = Gradcheck.jvp(GradcheckTest::f, (x, u) -> jvp(x, u, WRONG), X);
        // THEN exactly output 2 with respect to x[3] fails
        assertNamesTheWrongEntry(report);
    }

    @Test
    void oneWrongOffDiagonalEntryFailsThroughJacobian() {
        // GIVEN a Jacobian whose [2][3] is off by 1e-3
        CheckReport report = Gradcheck.jacobian(GradcheckTest::f, x -> jacobian(x, WRONG), X);
        // THEN exactly output 2 with respect to x[3] fails
        assertNamesTheWrongEntry(report);
    }

    @Test
    void fastModeCatchesTheWrongEntryWithTheDefaultProbesAndNamesIt() {
        // GIVEN FAST mode with the default probes (3) and seed
        CheckOptions fast = CheckOptions.defaults().fast(CheckOptions.DEFAULT_PROBES);
        // WHEN the correct and the wrong vjp are checked
        CheckReport right = Gradcheck.vjp(GradcheckTest::f, (x, dy) -> vjp(x, dy, 0), X, fast);
        CheckReport wrong = Gradcheck.vjp(GradcheckTest::f, (x, dy) -> vjp(x, dy, WRONG), X, fast);
        // THEN the correct one passes on 3 projections v^T J u; the wrong one fails, and the full re-check names J[2][3]
        assertTrue(right.passed(), right.mismatches().toString());
        assertEquals(3, right.checked());
        assertTrue(right.mode().text().startsWith("FAST"), right.mode().text());
        assertTrue(wrong.mode().text().contains("full re-check"), wrong.mode().text());
        assertNamesTheWrongEntry(wrong);
    }

    @Test
    void fastModeCatchesTheWrongEntryThroughJvpAndJacobianToo() {
        // GIVEN FAST mode with the default probes
        CheckOptions fast = CheckOptions.defaults().fast(CheckOptions.DEFAULT_PROBES);
        // WHEN the wrong jvp and the wrong Jacobian are checked
        // THEN each fails, and the full re-check names J[2][3]
        assertNamesTheWrongEntry(Gradcheck.jvp(GradcheckTest::f, (x, u) -> jvp(x, u, WRONG), X, fast));
        assertNamesTheWrongEntry(Gradcheck.jacobian(GradcheckTest::f, x -> jacobian(x, WRONG), X, fast));
    }

    @Test
    void theAnalyticJacobianTakesOneVjpPerOutputOneJvpPerInputAndOneJacobian() {
        // GIVEN f: R^5 -> R^5 restricted to 3 outputs (y0..y2), derivatives counting their calls
        AtomicInteger vjps = new AtomicInteger();
        AtomicInteger jvps = new AtomicInteger();
        AtomicInteger jacobians = new AtomicInteger();
        java.util.function.UnaryOperator<double[]> three = x -> java.util.Arrays.copyOf(f(x), 3);
        // WHEN each route checks it in FULL mode
        CheckReport a = Gradcheck.vjp(three, (x, dy) -> {
            vjps.incrementAndGet();
            return vjp(x, java.util.Arrays.copyOf(dy, N), 0);
        }, X);
        CheckReport b = Gradcheck.jvp(three, (x, u) -> {
            jvps.incrementAndGet();
            return java.util.Arrays.copyOf(jvp(x, u, 0), 3);
        }, X);
        CheckReport c = Gradcheck.jacobian(three, x -> {
            jacobians.incrementAndGet();
            return java.util.Arrays.copyOf(jacobian(x, 0), 3);
        }, X);
        // THEN 3 vjp calls (dy = e_i), 5 jvp calls (u = e_j) and 1 Jacobian call built the 15 compared entries
        for (CheckReport r : List.of(a, b, c)) {
            assertTrue(r.passed(), r.mismatches().toString());
            assertEquals(15, r.checked());
        }
        assertEquals(3, vjps.get());
        assertEquals(5, jvps.get());
        assertEquals(1, jacobians.get());
    }

    @Test
    void theOutputRowsShareTheirEvaluationsOfF() {
        // GIVEN f counting its calls, and the same f cut down to its output 2
        AtomicInteger five = new AtomicInteger();
        AtomicInteger one = new AtomicInteger();
        // WHEN the 5-output and the 1-output Jacobians are checked
        CheckReport all = Gradcheck.vjp(x -> {
            five.incrementAndGet();
            return f(x);
        }, (x, dy) -> vjp(x, dy, 0), X);
        CheckReport single = Gradcheck.vjp(x -> {
            one.incrementAndGet();
            return new double[] {f(x)[2]};
        }, (x, dy) -> vjp(x, new double[] {0, 0, dy[0], 0, 0}, 0), X);
        // THEN both pass, and 5 rows cost less than twice the calls of one: each perturbed point is evaluated once for
        // all outputs (each row alone would cost 5 times one row)
        assertTrue(all.passed() && single.passed());
        assertTrue(five.get() < 2 * one.get(), five.get() + " calls for 5 outputs, " + one.get() + " for 1");
    }

    /**
     * phi(x) = x0^3 + x1^3 + x2^3 + x3^3 + x0 x1 x2; its gradient g and Hessian H by hand:
     * g = (3x0^2 + x1 x2, 3x1^2 + x0 x2, 3x2^2 + x0 x1, 3x3^2), H = [[6x0, x2, x1, 0], [x2, 6x1, x0, 0], [x1, x0, 6x2, 0], [0, 0, 0, 6x3]].
     */
    private static final double[] P = {0.3, -0.8, 1.1, 0.5};

    private static double[] gradient(double[] x) {
        return new double[] {3 * x[0] * x[0] + x[1] * x[2], 3 * x[1] * x[1] + x[0] * x[2], 3 * x[2] * x[2] + x[0] * x[1], 3 * x[3] * x[3]};
    }

    private static double[][] hessian(double[] x, double error) {
        return new double[][] {{6 * x[0], x[2] + error, x[1], 0}, {x[2], 6 * x[1], x[0], 0}, {x[1], x[0], 6 * x[2], 0}, {0, 0, 0, 6 * x[3]}};
    }

    private static double[] hvp(double[] x, double[] v, double error) {
        double[][] h = hessian(x, error);
        double[] out = new double[4];
        for (int i = 0; i < 4; i++) {
            for (int k = 0; k < 4; k++) {
                out[i] += h[i][k] * v[k];
            }
        }
        return out;
    }

    @Test
    void secondOrderThroughJacobianOfTheGradient() {
        // GIVEN phi's gradient with its exact Hessian, and with H[0][1] off by 1e-3
        // WHEN jacobian(gradient, hessian, x) checks them (gradgradcheck)
        CheckReport right = Gradcheck.jacobian(GradcheckTest::gradient, x -> hessian(x, 0), P);
        CheckReport wrong = Gradcheck.jacobian(GradcheckTest::gradient, x -> hessian(x, 1e-3), P);
        // THEN the exact one passes on 16 entries; the wrong one fails at output 0 (g0) with respect to x[1]
        assertTrue(right.passed(), right.mismatches().toString());
        assertEquals(16, right.checked());
        assertEquals(1, wrong.failures());
        Mismatch m = wrong.mismatches().get(0);
        assertEquals("output 0 with respect to input x", m.location());
        assertArrayEquals(new int[] {1}, m.index());
        assertEquals(P[2] + 1e-3, m.analytic(), 1e-15);
    }

    @Test
    void secondOrderThroughVjpOfTheGradient() {
        // GIVEN hvp(x, v) = H v, exact and with H[0][1] off by 1e-3
        // WHEN vjp(gradient, hvp, x) checks them: row i of J is hvp(e_i) = column i of the user's H
        CheckReport right = Gradcheck.vjp(GradcheckTest::gradient, (x, v) -> hvp(x, v, 0), P);
        CheckReport wrong = Gradcheck.vjp(GradcheckTest::gradient, (x, v) -> hvp(x, v, 1e-3), P);
        // THEN the exact one passes; the wrong one fails at output 1 with respect to x[0] (the transposed entry)
        assertTrue(right.passed(), right.mismatches().toString());
        assertEquals(1, wrong.failures());
        Mismatch m = wrong.mismatches().get(0);
        assertEquals("output 1 with respect to input x", m.location());
        assertArrayEquals(new int[] {0}, m.index());
        assertEquals(P[2] + 1e-3, m.analytic(), 1e-15);
    }

    @Test
    void namedInputsCheckEveryInput() {
        // GIVEN y = W x (2x3 W row-major, 3 x) with J_W[o][o*3+i] = x_i and J_x[o][i] = W[o][i], and a vjp whose dW forgets dy[1]
        double[] w = {0.2, -0.5, 1.0, 0.7, 0.1, -0.3};
        double[] x = {1.5, -2.0, 0.5};
        java.util.function.Function<double[][], double[]> f = a -> new double[] {
            a[0][0] * a[1][0] + a[0][1] * a[1][1] + a[0][2] * a[1][2], a[0][3] * a[1][0] + a[0][4] * a[1][1] + a[0][5] * a[1][2]};
        // WHEN the right and the wrong vjp are checked with respect to w and x
        CheckReport right = Gradcheck.of().input("w", w).input("x", x).vjp(f, (a, dy) -> new double[][] {
            {dy[0] * a[1][0], dy[0] * a[1][1], dy[0] * a[1][2], dy[1] * a[1][0], dy[1] * a[1][1], dy[1] * a[1][2]},
            {dy[0] * a[0][0] + dy[1] * a[0][3], dy[0] * a[0][1] + dy[1] * a[0][4], dy[0] * a[0][2] + dy[1] * a[0][5]}});
        CheckReport wrong = Gradcheck.of().input("w", w).input("x", x).vjp(f, (a, dy) -> new double[][] {
            {dy[0] * a[1][0], dy[0] * a[1][1], dy[0] * a[1][2], 0, 0, 0},
            {dy[0] * a[0][0] + dy[1] * a[0][3], dy[0] * a[0][1] + dy[1] * a[0][4], dy[0] * a[0][2] + dy[1] * a[0][5]}});
        // THEN the right one compares 2 x (6 + 3) entries and passes; the wrong one fails at output 1, w[3..5] only
        assertTrue(right.passed(), right.mismatches().toString());
        assertEquals(18, right.checked());
        assertEquals(3, wrong.failures());
        for (Mismatch m : wrong.mismatches()) {
            assertEquals("output 1 with respect to input w", m.location());
            assertEquals(x[m.index()[0] - 3], m.numeric(), 1e-8);
        }
    }

    @Test
    void assertPassedNamesTheWorstEntriesAndTheBound() {
        // GIVEN the Jacobian with J[2][3] off by 1e-3
        CheckReport report = Gradcheck.jacobian(GradcheckTest::f, x -> jacobian(x, WRONG), X);
        // WHEN assertPassed is called
        AssertionFailedError e = assertThrows(AssertionFailedError.class, report::assertPassed);
        // THEN the message gives the count, output 2, input x, index [3], the analytic value x2^2 + 1e-3, the numeric value and the bound
        String message = e.getMessage();
        assertTrue(message.contains("1 of 25 entries fail"), message);
        assertTrue(message.contains("output 2 with respect to input x at index [3]"), message);
        assertTrue(message.contains(String.format("analytic %.10g", X[2] * X[2] + WRONG)), message);
        assertTrue(message.contains("numeric 0.16"), message);
        assertTrue(message.contains("> allowed"), message);
    }

    @Test
    void aReportThatComparedNothingDoesNotAssertPassed() {
        // GIVEN a report with no tensors
        CheckReport empty = Reports.check("nothing", "rule", 1e-6, List.of());
        // WHEN / THEN assertPassed fails saying so
        AssertionFailedError e = assertThrows(AssertionFailedError.class, empty::assertPassed);
        assertTrue(e.getMessage().contains("nothing was checked: no tensor was compared"), e.getMessage());
    }

    @Test
    void callerArraysAreUnchangedEvenWhenTheFunctionsMutateTheirArguments() {
        // GIVEN x, and f and vjp that scribble over every array they are given (and keep returning one buffer)
        double[] x = X.clone();
        double[] buffer = new double[N];
        CheckReport report = Gradcheck.vjp(v -> {
            double[] y = f(v);
            System.arraycopy(y, 0, buffer, 0, N);
            java.util.Arrays.fill(v, 99);
            return buffer;
        }, (v, dy) -> {
            double[] dx = vjp(v, dy, 0);
            java.util.Arrays.fill(v, -7);
            java.util.Arrays.fill(dy, 3);
            return dx;
        }, x);
        // THEN x is unchanged and the check still passes (each call got its own copies)
        assertArrayEquals(X, x);
        assertTrue(report.passed(), report.mismatches().toString());
    }

    @Test
    void callerArraysAreUnchangedWhenTheFunctionThrows() {
        // GIVEN an f that mutates its argument and throws on its 7th call
        double[] x = X.clone();
        AtomicInteger calls = new AtomicInteger();
        // WHEN the check runs
        CheckAborted e = assertThrows(CheckAborted.class, () -> Gradcheck.jacobian(v -> {
            v[0] = 42;
            if (calls.incrementAndGet() == 7) {
                throw new IllegalStateException("boom");
            }
            return f(X);
        }, v -> jacobian(X, 0), x));
        // THEN the check aborts naming the cause, and x is unchanged
        assertTrue(e.getMessage().contains("boom"), e.getMessage());
        assertArrayEquals(X, x);
    }

    @Test
    void badShapesAndPointsAreOneClearError() {
        // GIVEN / WHEN / THEN: a vjp of the wrong length, a Jacobian with too few rows, a jvp of the wrong length,
        // an empty x, a NaN in x, f NaN at x: each an IllegalArgumentException naming the function and lengths
        assertEquals("vjp returned an array of length 4 for input x of length 5", assertThrows(IllegalArgumentException.class,
                () -> Gradcheck.vjp(GradcheckTest::f, (x, dy) -> new double[4], X)).getMessage());
        assertEquals("jacobian returned 3 rows for input x, but f has 5 outputs", assertThrows(IllegalArgumentException.class,
                () -> Gradcheck.jacobian(GradcheckTest::f, x -> new double[3][5], X)).getMessage());
        assertEquals("jvp returned 2 values but f has 5 outputs", assertThrows(IllegalArgumentException.class,
                () -> Gradcheck.jvp(GradcheckTest::f, (x, u) -> new double[2], X)).getMessage());
        assertEquals("gradient returned an array of length 1 for input x of length 2", assertThrows(IllegalArgumentException.class,
                () -> Gradcheck.scalar(x -> x[0] * x[1], x -> new double[1], new double[] {1, 2})).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Gradcheck.scalar(x -> 0, x -> x, new double[0]))
                .getMessage().contains("input x is empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Gradcheck.scalar(x -> 0, x -> x, new double[] {1, Double.NaN}))
                .getMessage().contains("input x is NaN at index 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Gradcheck.scalar(x -> Math.log(x[0]), x -> x, new double[] {-1}))
                .getMessage().contains("f is NaN"));
    }

    @Test
    void aNonThreadSafeFunctionIsNeverCalledConcurrently() {
        // GIVEN 4 worker threads, and a 64-entry f that records how many calls overlap and on which threads
        CheckOptions options = CheckOptions.defaults().withParallelism(4);
        Overlap overlap = new Overlap();
        // WHEN it is checked without declaring it thread-safe
        CheckReport report = Gradcheck.scalar(overlap::sumOfSquares, x -> twice(x), ramp(64), options);
        // THEN no two calls overlapped, all ran on the calling thread, and the check passed
        assertTrue(report.passed());
        assertEquals(1, overlap.max.get());
        assertEquals(Set.of(Thread.currentThread().getName()), overlap.threads);
    }

    @Test
    void aThreadSafeFunctionMayBeCalledConcurrently() {
        // GIVEN the same f declared thread-safe, on 4 worker threads
        CheckOptions options = CheckOptions.defaults().withParallelism(4).withThreadSafe(true);
        Overlap overlap = new Overlap();
        // WHEN it is checked
        CheckReport report = Gradcheck.scalar(overlap::sumOfSquares, x -> twice(x), ramp(64), options);
        // THEN calls overlapped (the checker used its workers) and the verdict is the same
        assertTrue(report.passed());
        assertTrue(overlap.max.get() > 1, "max concurrent calls " + overlap.max.get());
    }

    private static double[] ramp(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.1 * i - 3;
        }
        return x;
    }

    private static double[] twice(double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = 2 * x[i];
        }
        return g;
    }

    /** f = sum x^2, counting concurrent calls (each call holds for 200 microseconds). */
    private static final class Overlap {
        final AtomicInteger active = new AtomicInteger();
        final AtomicInteger max = new AtomicInteger();
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        double sumOfSquares(double[] x) {
            int now = active.incrementAndGet();
            max.accumulateAndGet(now, Math::max);
            threads.add(Thread.currentThread().getName());
            try {
                long until = System.nanoTime() + 200_000;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                double s = 0;
                for (double v : x) {
                    s += v * v;
                }
                return s;
            } finally {
                active.decrementAndGet();
            }
        }
    }
}
