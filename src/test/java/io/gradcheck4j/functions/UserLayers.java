package io.gradcheck4j.functions;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Layers written the way a user writes them: double[] arrays, copies in withParameters, caches in mutable
 * fields. None implements {@code Pure} or {@code FastLayer}; each meets only the minimal Layer contract.
 */
final class UserLayers {

    private UserLayers() {
    }

    /** y = x W + b on double[][]: copies every tensor it is given into arrays of its own. */
    static final class CopyingDense implements Layer {
        final double[][] w;
        final double[] b;
        /** The mutant: the weight gradient uses only the first row of the batch (forgets the batch sum). */
        final boolean firstRowOnly;

        CopyingDense(double[][] w, double[] b, boolean firstRowOnly) {
            this.w = new double[w.length][];
            for (int p = 0; p < w.length; p++) {
                this.w[p] = w[p].clone();
            }
            this.b = b.clone();
            this.firstRowOnly = firstRowOnly;
        }

        @Override
        public String type() {
            return firstRowOnly ? "copying_dense_mutant" : "copying_dense";
        }

        @Override
        public Map<String, Tensor> parameters() {
            Map<String, Tensor> params = new LinkedHashMap<>();
            params.put("weight", Tensor.matrix(w));
            params.put("bias", Tensor.vector(b));
            return params;
        }

        @Override
        public Tensor forward(Tensor x) {
            double[][] in = rows(x);
            double[][] out = new double[in.length][b.length];
            for (int r = 0; r < in.length; r++) {
                for (int j = 0; j < b.length; j++) {
                    double sum = b[j];
                    for (int p = 0; p < w.length; p++) {
                        sum += in[r][p] * w[p][j];
                    }
                    out[r][j] = sum;
                }
            }
            return Tensor.matrix(out);
        }

        @Override
        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
            double[][] in = rows(x);
            double[][] g = rows(dy);
            double[][] dx = new double[in.length][w.length];
            double[][] dw = new double[w.length][b.length];
            double[] db = new double[b.length];
            for (int r = 0; r < in.length; r++) {
                for (int j = 0; j < b.length; j++) {
                    db[j] += g[r][j];
                    for (int p = 0; p < w.length; p++) {
                        dx[r][p] += g[r][j] * w[p][j];
                        if (!firstRowOnly || r == 0) {
                            dw[p][j] += in[r][p] * g[r][j];
                        }
                    }
                }
            }
            Map<String, Tensor> grads = new LinkedHashMap<>();
            grads.put("weight", Tensor.matrix(dw));
            grads.put("bias", Tensor.vector(db));
            return new LayerGradients(Tensor.matrix(dx), grads);
        }

        @Override
        public Layer withParameters(Map<String, Tensor> replacements) {
            double[][] w2 = replacements.containsKey("weight") ? rows(replacements.get("weight")) : w;
            double[] b2 = replacements.containsKey("bias") ? replacements.get("bias").toArray() : b;
            return new CopyingDense(w2, b2, firstRowOnly);
        }
    }

    /** The scratch buffer that every {@link SharedCacheDense} of one model shares, as a user's library might. */
    static final class Scratch {
        double[] buffer;
    }

    /**
     * y = x W + b computing into a {@link Scratch} buffer shared by all instances (allocated on entry, released
     * to null on exit): correct on one thread, wrong or a NullPointerException when two threads share it.
     */
    static final class SharedCacheDense implements Layer {
        final double[] w;
        final double[] b;
        final int in;
        final Scratch scratch;

        SharedCacheDense(double[] w, double[] b, Scratch scratch) {
            this.w = w.clone();
            this.b = b.clone();
            this.in = w.length / b.length;
            this.scratch = scratch;
        }

        @Override
        public String type() {
            return "shared_cache_dense";
        }

        @Override
        public Map<String, Tensor> parameters() {
            Map<String, Tensor> params = new LinkedHashMap<>();
            params.put("weight", Tensor.of(w, in, b.length));
            params.put("bias", Tensor.of(b, b.length));
            return params;
        }

        @Override
        public Tensor forward(Tensor x) {
            int n = x.shape()[0];
            int out = b.length;
            scratch.buffer = new double[n * out];
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < out; j++) {
                    scratch.buffer[r * out + j] = b[j];
                    for (int p = 0; p < in; p++) {
                        scratch.buffer[r * out + j] += x.get(r * in + p) * w[p * out + j];
                    }
                }
            }
            Tensor y = Tensor.of(scratch.buffer, n, out);
            scratch.buffer = null;
            return y;
        }

        @Override
        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
            int n = x.shape()[0];
            int out = b.length;
            scratch.buffer = new double[n * in];
            double[] dw = new double[in * out];
            double[] db = new double[out];
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < out; j++) {
                    double g = dy.get(r * out + j);
                    db[j] += g;
                    for (int p = 0; p < in; p++) {
                        scratch.buffer[r * in + p] += g * w[p * out + j];
                        dw[p * out + j] += x.get(r * in + p) * g;
                    }
                }
            }
            Tensor dx = Tensor.of(scratch.buffer, n, in);
            scratch.buffer = null;
            Map<String, Tensor> grads = new LinkedHashMap<>();
            grads.put("weight", Tensor.of(dw, in, out));
            grads.put("bias", Tensor.of(db, out));
            return new LayerGradients(dx, grads);
        }

        @Override
        public Layer withParameters(Map<String, Tensor> replacements) {
            double[] w2 = replacements.containsKey("weight") ? replacements.get("weight").toArray() : w;
            double[] b2 = replacements.containsKey("bias") ? replacements.get("bias").toArray() : b;
            return new SharedCacheDense(w2, b2, scratch);
        }
    }

    /** y = 2x plus fresh Gaussian noise of size 1e-7 on every call: really nondeterministic. */
    static final class NoisyDouble implements Layer {
        private final Random random = new Random(5);

        @Override
        public String type() {
            return "noisy_double";
        }

        @Override
        public Tensor forward(Tensor x) {
            return x.map(v -> 2 * v + 1e-7 * random.nextGaussian());
        }

        @Override
        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
            return LayerGradients.ofInput(dy.scale(2));
        }
    }

    /**
     * y = c x where c grows by 1e-3 every 64 forward calls (a layer whose state drifts across calls): two
     * consecutive calls mostly agree, but f before and after a whole check do not.
     */
    static final class DriftingScale implements Layer {
        private int calls;

        @Override
        public String type() {
            return "drifting_scale";
        }

        @Override
        public Tensor forward(Tensor x) {
            double c = 2 + 1e-3 * (calls++ / 64);
            return x.scale(c);
        }

        @Override
        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
            return LayerGradients.ofInput(dy.scale(2));
        }
    }

    /** y = tanh(x), counting how many forward calls run at once (each takes at least a millisecond). */
    static class CountingTanh implements Layer {
        final AtomicInteger running;
        final AtomicInteger mostAtOnce;

        CountingTanh(AtomicInteger running, AtomicInteger mostAtOnce) {
            this.running = running;
            this.mostAtOnce = mostAtOnce;
        }

        @Override
        public String type() {
            return "counting_tanh";
        }

        @Override
        public Tensor forward(Tensor x) {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            return x.map(Math::tanh);
        }

        @Override
        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
            return LayerGradients.ofInput(dy.zip(y, (g, t) -> g * (1 - t * t)));
        }
    }

    static double[][] rows(Tensor t) {
        int n = t.shape()[0];
        int m = t.shape()[1];
        double[][] out = new double[n][m];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < m; c++) {
                out[r][c] = t.get(r * m + c);
            }
        }
        return out;
    }
}
