package io.gradcheck4j.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.engine.LayerSample;
import io.gradcheck4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** LayerClassType's samples vary the parameters and the batch, so a rule right only at the defaults is caught. */
class LayerClassTypeTest {

    /**
     * A user's layer norm over the last axis of [batch, width] on double[] arrays: y = &gamma; xhat + &beta;,
     * xhat = (x - mean) / sqrt(var + 1e-5), default &gamma; = 1, &beta; = 0. The correct dx is
     * (1/std)(g - mean(g) - xhat mean(g xhat)) with g = &gamma; dy; the faulty one uses g = dy (ignores &gamma;),
     * which is right exactly when &gamma; = 1.
     */
    static final class UserLayerNorm implements Layer {
        private static final double EPS = 1e-5;
        private final double[] gamma;
        private final double[] beta;
        private final boolean dxIgnoresGamma;

        UserLayerNorm(int width, boolean dxIgnoresGamma) {
            this(filled(width, 1), new double[width], dxIgnoresGamma);
        }

        private UserLayerNorm(double[] gamma, double[] beta, boolean dxIgnoresGamma) {
            this.gamma = gamma.clone();
            this.beta = beta.clone();
            this.dxIgnoresGamma = dxIgnoresGamma;
        }

        private static double[] filled(int n, double v) {
            double[] a = new double[n];
            java.util.Arrays.fill(a, v);
            return a;
        }

        @Override
        public String type() {
            return "user_layer_norm";
        }

        @Override
        public Map<String, Tensor> parameters() {
            Map<String, Tensor> p = new LinkedHashMap<>();
            p.put("gamma", Tensor.of(gamma, gamma.length));
            p.put("beta", Tensor.of(beta, beta.length));
            return p;
        }

        private double[][] normalised(Tensor x, double[] invStd) {
            int n = x.shape()[0];
            int m = gamma.length;
            double[][] xhat = new double[n][m];
            for (int r = 0; r < n; r++) {
                double mean = 0;
                for (int j = 0; j < m; j++) {
                    mean += x.get(r * m + j) / m;
                }
                double var = 0;
                for (int j = 0; j < m; j++) {
                    double d = x.get(r * m + j) - mean;
                    var += d * d / m;
                }
                invStd[r] = 1 / Math.sqrt(var + EPS);
                for (int j = 0; j < m; j++) {
                    xhat[r][j] = (x.get(r * m + j) - mean) * invStd[r];
                }
            }
            return xhat;
        }

        @Override
        public Tensor forward(Tensor x) {
            int n = x.shape()[0];
            int m = gamma.length;
            double[][] xhat = normalised(x, new double[n]);
            double[] y = new double[n * m];
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < m; j++) {
                    y[r * m + j] = gamma[j] * xhat[r][j] + beta[j];
                }
            }
            return Tensor.of(y, n, m);
        }

        @Override
        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
            int n = x.shape()[0];
            int m = gamma.length;
            double[] invStd = new double[n];
            double[][] xhat = normalised(x, invStd);
            double[] dx = new double[n * m];
            double[] dgamma = new double[m];
            double[] dbeta = new double[m];
            for (int r = 0; r < n; r++) {
                double[] g = new double[m];
                double meanG = 0;
                double meanGx = 0;
                for (int j = 0; j < m; j++) {
                    double d = dy.get(r * m + j);
                    dgamma[j] += d * xhat[r][j];
                    dbeta[j] += d;
                    g[j] = dxIgnoresGamma ? d : gamma[j] * d;
                    meanG += g[j] / m;
                    meanGx += g[j] * xhat[r][j] / m;
                }
                for (int j = 0; j < m; j++) {
                    dx[r * m + j] = invStd[r] * (g[j] - meanG - xhat[r][j] * meanGx);
                }
            }
            Map<String, Tensor> grads = new LinkedHashMap<>();
            grads.put("gamma", Tensor.of(dgamma, m));
            grads.put("beta", Tensor.of(dbeta, m));
            return new LayerGradients(Tensor.of(dx, n, m), grads);
        }

        @Override
        public Layer withParameters(Map<String, Tensor> replacements) {
            return new UserLayerNorm(replacements.containsKey("gamma") ? replacements.get("gamma").toArray() : gamma,
                    replacements.containsKey("beta") ? replacements.get("beta").toArray() : beta, dxIgnoresGamma);
        }
    }

    private static List<BatteryResult> battery(boolean dxIgnoresGamma) {
        return LayerChecks.withDefaults().run(new LayerClassType(() -> new UserLayerNorm(4, dxIgnoresGamma), 2, 4), 5L);
    }

    @Test
    void samplesDrawRandomParametersAndVaryTheBatch() {
        // GIVEN the layer norm as a bare class on [2, 4] inputs
        LayerClassType type = new LayerClassType(() -> new UserLayerNorm(4, false), 2, 4);

        // WHEN its samples are drawn
        List<LayerSample> samples = type.samples(new SplittableRandom(1));

        // THEN besides the four at the defaults (gamma = 1) there are random-parameter ones, batch 1 and batch 5
        assertEquals(8, samples.size());
        Set<Integer> batches = samples.stream().map(s -> s.input().shape()[0]).collect(Collectors.toSet());
        assertEquals(Set.of(1, 2, 5), batches);
        for (LayerSample s : samples.subList(4, 8)) {
            Tensor gamma = s.layer().parameters().get("gamma");
            assertNotEquals(Tensor.filled(1, 4), gamma, s.description());
            for (int j = 0; j < 4; j++) {
                assertTrue(gamma.get(j) >= -2 && gamma.get(j) <= 2, s.description());
            }
        }
    }

    @Test
    void aLayerNormWhoseDxIgnoresGammaFailsOnlyWhereGammaIsNotOne() {
        // GIVEN a layer norm whose dx ignores gamma (right at the default gamma = 1)
        // WHEN the battery runs on its samples
        List<BatteryResult> results = battery(true);

        // THEN the gradient check fails, on random-parameter samples only; the default-parameter ones pass
        List<BatteryResult> failing = results.stream().filter(r -> !r.passed()).toList();
        assertFalse(failing.isEmpty());
        assertEquals(Set.of(LayerChecks.GRADIENTS), failing.stream().map(BatteryResult::check).collect(Collectors.toSet()));
        assertTrue(failing.stream().allMatch(r -> r.sample().contains("random parameters")), failing.toString());
        assertTrue(results.stream().filter(r -> r.sample().startsWith("#1 ")).allMatch(BatteryResult::passed));
    }

    @Test
    void aCorrectLayerNormPassesEverySample() {
        // GIVEN the correct layer norm
        // WHEN the battery runs
        List<BatteryResult> failing = battery(false).stream().filter(r -> !r.passed()).toList();

        // THEN nothing fails
        assertTrue(failing.isEmpty(), failing.toString());
    }
}
