package io.gradcheck4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.report.CaseResult;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.report.Finding;
import io.gradcheck4j.report.HtmlReport;
import io.gradcheck4j.report.JsonReport;
import io.gradcheck4j.report.Mismatch;
import io.gradcheck4j.report.RunReport;
import io.gradcheck4j.report.TensorReport;
import io.gradcheck4j.report.TextReport;
import io.gradcheck4j.report.Verdict;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Entries the default step cannot resolve: the adaptive step search resolves them (an offset batch norm, a
 * float32 layer), and what stays unresolved is INCONCLUSIVE, never a silent pass.
 */
class ResolutionTest {
    private static final GradientChecker CHECKER = new GradientChecker(CheckOptions.defaults().withParallelism(1));

    /** How the batch-norm backward below goes wrong. */
    enum BatchNormBug { NONE, SIGN_FLIPPED_DX, UNBIASED_VARIANCE, MISSING_XHAT_DGAMMA }

    /**
     * A user's batch norm over the rows of an n x 1 input: y = gamma xhat + beta, xhat = (x - mu) / sigma,
     * sigma = sqrt(var + 1e-5) with the biased variance; dx = gamma / sigma (dy - mean(dy) - xhat mean(dy xhat)),
     * dgamma = sum dy xhat, dbeta = sum dy (the textbook derivation), or one of three classic slips.
     */
    record UserBatchNorm(Tensor gammaValue, Tensor betaValue, BatchNormBug bug) implements Layer {
        @Override
        public String type() {
            return "user-batch-norm";
        }

        @Override
        public Map<String, Tensor> parameters() {
            return Map.of("gamma", gammaValue, "beta", betaValue);
        }

        @Override
        public Layer withParameters(Map<String, Tensor> replacements) {
            return new UserBatchNorm(replacements.getOrDefault("gamma", gammaValue), replacements.getOrDefault("beta", betaValue), bug);
        }

        private static double mean(double[] v) {
            double s = 0;
            for (double x : v) {
                s += x;
            }
            return s / v.length;
        }

        private static double sigma(double[] x, boolean unbiased) {
            double mu = mean(x);
            double s = 0;
            for (double v : x) {
                s += (v - mu) * (v - mu);
            }
            return Math.sqrt(s / (unbiased ? x.length - 1 : x.length) + 1e-5);
        }

        @Override
        public Tensor forward(Tensor x) {
            double[] v = x.toArray();
            double mu = mean(v);
            double sd = sigma(v, false);
            double gamma = gammaValue.get(0);
            double beta = betaValue.get(0);
            double[] y = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                y[i] = gamma * (v[i] - mu) / sd + beta;
            }
            return Tensor.wrap(y, x.shape());
        }

        @Override
        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
            double[] v = x.toArray();
            double[] g = dy.toArray();
            int n = v.length;
            double mu = mean(v);
            double sd = sigma(v, bug == BatchNormBug.UNBIASED_VARIANCE);
            double gamma = gammaValue.get(0);
            double[] xhat = new double[n];
            double dgamma = 0;
            double dbeta = 0;
            for (int i = 0; i < n; i++) {
                xhat[i] = (v[i] - mu) / sd;
                dgamma += g[i] * xhat[i];
                dbeta += g[i];
            }
            double[] dx = new double[n];
            for (int i = 0; i < n; i++) {
                double xhatTerm = bug == BatchNormBug.MISSING_XHAT_DGAMMA ? 0 : xhat[i] * dgamma / n;
                dx[i] = gamma / sd * (g[i] - dbeta / n - xhatTerm) * (bug == BatchNormBug.SIGN_FLIPPED_DX ? -1 : 1);
            }
            return new LayerGradients(Tensor.wrap(dx, x.shape()), Map.of("gamma", Tensor.vector(dgamma), "beta", Tensor.vector(dbeta)));
        }
    }

    private static NetworkFunction offsetBatchNorm(BatchNormBug bug) {
        return NetworkFunction.ofLayer(new UserBatchNorm(Tensor.vector(1.5), Tensor.vector(0.2), bug),
                Tensor.wrap(new double[] {1e5, 1e5 + 0.1, 1e5 - 0.05}, 3, 1), Tensor.wrap(new double[] {0.3, -1.2, 0.7}, 3, 1));
    }

    @Test
    void anOffsetBatchNormIsResolvedByTheAdaptiveStepAndPasses() {
        // GIVEN the correct batch norm on 1e5 + [0, 0.1, -0.05]: the default relative step 6.06e-6 * 1e5 = 0.61
        //       is six times the batch's spread, so the default estimate is larger than the gradients
        CheckReport report = CHECKER.check(offsetBatchNorm(BatchNormBug.NONE));
        // THEN every input entry is resolved at an adaptive step to an estimate below 1e-6 of |analytic|, and it passes
        TensorReport input = report.tensors().get(0);
        assertTrue(report.passed(), TextReport.check(report));
        assertEquals(3, input.adaptive(), TextReport.check(report));
        assertEquals(0, report.inconclusive());
        assertTrue(input.worstEstimate() < 1e-6 * Math.abs(input.worstAnalytic()), TextReport.check(report));
        assertTrue(input.worstStep() < 0.1, "the adaptive step is far below the default 0.61: " + input.worstStep());
    }

    @Test
    void offsetBatchNormMutantsFail() {
        for (BatchNormBug bug : List.of(BatchNormBug.SIGN_FLIPPED_DX, BatchNormBug.UNBIASED_VARIANCE, BatchNormBug.MISSING_XHAT_DGAMMA)) {
            // GIVEN a classic batch-norm backward slip on the offset batch
            CheckReport report = CHECKER.check(offsetBatchNorm(bug));
            // THEN the input gradient fails (it passed within +-584 before the adaptive step)
            assertFalse(report.passed(), bug + "\n" + TextReport.check(report));
            assertTrue(report.tensors().get(0).failures() > 0, bug + "\n" + TextReport.check(report));
        }
    }

    @Test
    void theOffsetBatchNormIsJudgedAlikeInFastMode() {
        for (Mode mode : List.of(Mode.fast(CheckOptions.DEFAULT_PROBES), Mode.fast(1))) {
            GradientChecker fast = new GradientChecker(CheckOptions.defaults().withParallelism(1).withMode(mode));
            // GIVEN the offset batch norm, correct and with each slip, WHEN checked in FAST mode
            CheckReport correct = fast.check(offsetBatchNorm(BatchNormBug.NONE));
            // THEN the correct one passes with every entry resolved, and every mutant's input gradient fails
            assertTrue(correct.passed(), mode + "\n" + TextReport.check(correct));
            assertEquals(0, correct.inconclusive(), mode + "\n" + TextReport.check(correct));
            for (BatchNormBug bug : List.of(BatchNormBug.SIGN_FLIPPED_DX, BatchNormBug.UNBIASED_VARIANCE, BatchNormBug.MISSING_XHAT_DGAMMA)) {
                CheckReport report = fast.check(offsetBatchNorm(bug));
                assertTrue(report.tensors().get(0).failures() > 0, mode + " " + bug + "\n" + TextReport.check(report));
            }
        }
    }

    /** tanh computed in float32 (as a user's float layer would), with a backward 1 - y^2 scaled by {@code scale}. */
    record FloatTanh(double scale) implements Layer {
        @Override
        public String type() {
            return "float-tanh";
        }

        @Override
        public Tensor forward(Tensor x) {
            double[] y = x.toArray();
            for (int i = 0; i < y.length; i++) {
                y[i] = (float) Math.tanh((float) y[i]);
            }
            return Tensor.wrap(y, x.shape());
        }

        @Override
        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
            double[] dx = new double[x.size()];
            for (int i = 0; i < dx.length; i++) {
                double t = Math.tanh(x.get(i));
                dx[i] = scale * dy.get(i) * (1 - t * t);
            }
            return LayerGradients.ofInput(Tensor.wrap(dx, x.shape()));
        }
    }

    private static NetworkFunction floatTanh(double scale, SplittableRandom random) {
        double[] x = new double[3];
        double[] up = new double[3];
        for (int i = 0; i < 3; i++) {
            x[i] = 4 * random.nextDouble() - 2;
            up[i] = 2 * random.nextDouble() - 1;
        }
        return NetworkFunction.ofLayer(new FloatTanh(scale), Tensor.wrap(x, 1, 3), Tensor.wrap(up, 1, 3));
    }

    @Test
    void float32CodeIsCheckableWithDefaults() {
        SplittableRandom random = new SplittableRandom(11);
        for (int s = 0; s < 8; s++) {
            // GIVEN a float32 tanh layer on random inputs in [-2, 2], once correct and once 0.1% too large
            long seed = random.nextLong();
            CheckReport correct = CHECKER.check(floatTanh(1, new SplittableRandom(seed)));
            CheckReport wrong = CHECKER.check(floatTanh(1.001, new SplittableRandom(seed)));
            // THEN the correct one passes with no false kinks and warns FLOAT_PRECISION; the 0.1% one fails
            assertTrue(correct.passed(), TextReport.check(correct));
            assertEquals(0, correct.nonDifferentiable(), TextReport.check(correct));
            assertTrue(correct.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.FLOAT_PRECISION), TextReport.check(correct));
            assertFalse(wrong.passed(), "sample " + s + "\n" + TextReport.check(wrong));
        }
    }

    @Test
    void theFloatPrecisionWarningShowsInTextJsonAndHtmlRuns() {
        // GIVEN a run of one case: the correct float32 tanh
        CheckReport check = CHECKER.check(floatTanh(1, new SplittableRandom(3)));
        RunReport run = new RunReport(null, check.rule(), check.step(), List.of(new CaseResult(CaseResult.Kind.LAYER, "float-tanh #1", "user layer", List.of(), check, null)));
        // THEN each rendering of the run names the warning
        assertTrue(TextReport.run(run).contains("FLOAT_PRECISION"), TextReport.run(run));
        assertTrue(JsonReport.run(run).contains("FLOAT_PRECISION"));
        assertTrue(new HtmlReport("run").run(run).render().contains("FLOAT_PRECISION"));
    }

    /** f(x) = x^2 / 1e-30 style: a function whose estimate cannot be brought down (noise of 1e-3 relative). */
    @Test
    void anEntryThatCannotBeResolvedIsInconclusiveAndNotAPass() {
        // GIVEN f(v) = v + 0.1 * noise, with the noise a deterministic hash of v's bits in [-1, 1] (so f is pure but jagged
        //       at every scale) and the claimed derivative 1
        ScalarFunction jagged = new ScalarFunction(v -> v + 0.1 * hash(v), v -> 1, 0.3);
        // WHEN checked with defaults, and with inconclusive entries accepted
        CheckReport report = CHECKER.check(jagged);
        CheckReport accepted = new GradientChecker(CheckOptions.defaults().withParallelism(1).withAcceptInconclusive(true)).check(jagged);
        // THEN the entry is INCONCLUSIVE, the check does not pass by default and says why; accepted, it passes
        assertEquals(1, report.inconclusive(), TextReport.check(report));
        assertFalse(report.passed());
        Mismatch m = report.unresolved().get(0);
        assertEquals(Verdict.INCONCLUSIVE, m.verdict());
        assertTrue(m.message().contains("cannot resolve this entry (estimate"), m.message());
        assertTrue(TextReport.check(report).startsWith(report.subject()));
        assertTrue(TextReport.check(report).contains("INCONCLUSIVE: 1 entries checked, 0 mismatched, 1 could not be verified"), TextReport.check(report));
        // AND the HTML page says INCONCLUSIVE too, marked (a circle) as well as coloured, for the check and for a run of it
        String page = new HtmlReport("check").check(report).render();
        assertTrue(page.contains("<span class=\"unchecked\">INCONCLUSIVE</span> — 1 entries checked"), page);
        RunReport run = new RunReport(null, report.rule(), report.step(), List.of(new CaseResult(CaseResult.Kind.LAYER, "jagged", "f(v)", List.of(), report, null)));
        String runPage = new HtmlReport("run").run(run).render();
        assertTrue(runPage.contains("<p><span class=\"unchecked\">INCONCLUSIVE</span>: 1 case, "), runPage);
        assertTrue(runPage.contains("<td class=\"unchecked\">INCONCLUSIVE</td>"), runPage);
        assertTrue(accepted.passed());
        assertEquals(1, accepted.inconclusive());
    }

    /** The direct API's vector functions honour acceptInconclusive as the checker does. */
    @Test
    void theDirectApiAcceptsInconclusiveEntriesOnlyWhenAsked() {
        // GIVEN the jagged f(v) = v + 0.1 * noise of one entry as a vector function, with its exact Jacobian 1
        java.util.function.UnaryOperator<double[]> f = v -> new double[] {v[0] + 0.1 * hash(v[0])};
        java.util.function.Function<double[], double[][]> jacobian = v -> new double[][] {{1}};
        CheckOptions strict = CheckOptions.defaults().withParallelism(1);
        // WHEN its Jacobian is checked by default, and with inconclusive entries accepted (full and fast)
        CheckReport report = io.gradcheck4j.Gradcheck.jacobian(f, jacobian, new double[] {0.3}, strict);
        CheckReport accepted = io.gradcheck4j.Gradcheck.jacobian(f, jacobian, new double[] {0.3}, strict.withAcceptInconclusive(true));
        CheckReport acceptedVjp = io.gradcheck4j.Gradcheck.vjp(f, (v, u) -> new double[] {u[0]}, new double[] {0.3},
                strict.withAcceptInconclusive(true));
        // THEN the entry is inconclusive each time, failing by default and passing only when accepted
        assertEquals(1, report.inconclusive(), TextReport.check(report));
        assertFalse(report.passed());
        assertEquals(1, accepted.inconclusive(), TextReport.check(accepted));
        assertTrue(accepted.passed(), TextReport.check(accepted));
        assertTrue(acceptedVjp.passed(), TextReport.check(acceptedVjp));
    }

    /** A deterministic value in [-1, 1] from the bits of v. */
    private static double hash(double v) {
        long h = Double.doubleToLongBits(v) * 0x9e3779b97f4a7c15L;
        h ^= h >>> 29;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 32;
        return (h & 0xffffff) / (double) 0x7fffff - 1;
    }
}
