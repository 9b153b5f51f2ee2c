package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.Pure;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.engine.fast.FastLayer;
import io.gradcheck4j.engine.fast.ParameterProbe;
import io.gradcheck4j.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the normalization layers ({@link BatchNorm}, {@link LayerNorm}) share: the scale &gamma; and shift
 * &beta; [D] applied to the normalised x&#770; of feature j = i mod D, y<sub>i</sub> = &gamma;<sub>j</sub>
 * x&#770;<sub>i</sub> + &beta;<sub>j</sub>, their gradients d&gamma;<sub>j</sub> = &Sigma; dy<sub>i</sub> x&#770;<sub>i</sub>
 * and d&beta;<sub>j</sub> = &Sigma; dy<sub>i</sub>, and the option &epsilon; added to the variance.
 */
abstract class Normalization implements Pure, FastLayer {
    static final String GAMMA = "gamma";
    static final String BETA = "beta";
    static final String EPSILON = "epsilon";
    static final double DEFAULT_EPSILON = 1e-5;

    private final String type;
    final Tensor gamma;
    final Tensor beta;
    final double epsilon;

    /** &gamma; and &beta; must be vectors of equal length and &epsilon; a finite number &ge; 0. */
    Normalization(String type, Tensor gamma, Tensor beta, double epsilon) {
        if (gamma.rank() != 1) {
            throw new IllegalArgumentException(type + " parameter 'gamma' must be 1-D [features], got shape " + Arrays.toString(gamma.shape()));
        }
        if (!beta.sameShape(gamma)) {
            throw new IllegalArgumentException(type + " parameter 'beta' must have shape " + Arrays.toString(gamma.shape())
                    + " like 'gamma', got " + Arrays.toString(beta.shape()));
        }
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException(type + " option 'epsilon' must be a finite number >= 0, got " + epsilon);
        }
        this.type = type;
        this.gamma = gamma;
        this.beta = beta;
        this.epsilon = epsilon;
    }

    /** The same layer type with new &gamma; and &beta; and this &epsilon;. */
    abstract Normalization with(Tensor newGamma, Tensor newBeta);

    /** &epsilon;. */
    public final double epsilon() {
        return epsilon;
    }

    /** {@code epsilon}, as {@link DenseLayers} reads it. */
    @Override
    public final Map<String, Object> options() {
        return Map.of(EPSILON, epsilon);
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final Map<String, Tensor> parameters() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put(GAMMA, gamma);
        p.put(BETA, beta);
        return p;
    }

    /** Only gamma and beta may be replaced, and only by tensors of their shapes. */
    @Override
    public final Layer withParameters(Map<String, Tensor> replacements) {
        for (Map.Entry<String, Tensor> r : replacements.entrySet()) {
            Tensor current = switch (r.getKey()) {
                case GAMMA -> gamma;
                case BETA -> beta;
                default -> throw new IllegalArgumentException(type + " has no parameter " + r.getKey() + " (it takes gamma, beta)");
            };
            if (!r.getValue().sameShape(current)) {
                throw new IllegalArgumentException(type + " parameter " + r.getKey() + " must keep shape " + Arrays.toString(current.shape()));
            }
        }
        return with(replacements.getOrDefault(GAMMA, gamma), replacements.getOrDefault(BETA, beta));
    }

    /** Names a group of entries normalised together, for an error (built only when one is thrown). */
    @FunctionalInterface
    interface GroupName {
        String of(int group);
    }

    /** 1 / &radic;(variance + &epsilon;), or an error naming group {@code group} when that is infinite. */
    final double inverseStd(GroupName name, int group, double variance) {
        double inv = 1.0 / Math.sqrt(variance + epsilon);
        if (Double.isInfinite(inv)) {
            throw new IllegalArgumentException(type + ": " + name.of(group) + " has zero variance and epsilon is 0, so it cannot be normalised");
        }
        return inv;
    }

    /** x&#770;, the normalised x, as a fresh row-major array (or an error naming the layer when x does not fit). */
    abstract double[] normalized(Tensor x);

    /**
     * Of &gamma; or &beta;: entry j changes column j of y only, y<sub>ij</sub> = &gamma;<sub>j</sub> x&#770;<sub>ij</sub> +
     * &beta;<sub>j</sub> with x&#770; computed once per probe, so each evaluation writes one column (the same
     * products and sums as {@link #scaleAndShift}, bit for bit).
     */
    @Override
    public final ParameterProbe probe(String param, Tensor x) {
        return probe(param, x, forward(x));
    }

    /** As {@link #probe(String, Tensor)}, with y = forward(x) already known. */
    @Override
    public final ParameterProbe probe(String param, Tensor x, Tensor y) {
        if (!param.equals(GAMMA) && !param.equals(BETA)) {
            throw new IllegalArgumentException(type + " has no parameter " + param);
        }
        boolean scale = param.equals(GAMMA);
        double[] xhat = normalized(x);
        int features = gamma.size();
        return InPlaceProbe.of(y, (j, v, out, written) -> {
            Objects.checkIndex(j, features);
            double g = scale ? v : gamma.get(j);
            double b = scale ? beta.get(j) : v;
            int n = 0;
            for (int i = j; i < xhat.length; i += features) {
                out[i] = g * xhat[i] + b;
                written[n++] = i;
            }
            return n;
        });
    }

    /** forward(x2) through the layer's {@link #forwardPatch}, bit for bit. */
    @Override
    public final Tensor forwardIncremental(Tensor x, Tensor y, Tensor x2) {
        return PatchedForward.of(this, x, y, x2);
    }

    /** y = &gamma; x&#770; + &beta;, shaped like x, overwriting {@code xhat}. */
    final Tensor scaleAndShift(double[] xhat, Tensor x) {
        int features = gamma.size();
        for (int i = 0; i < xhat.length; i++) {
            int j = i % features;
            xhat[i] = gamma.get(j) * xhat[i] + beta.get(j);
        }
        return Tensor.wrap(xhat, x.shape());
    }

    /** dx from d&gamma; and d&beta;, as the layer computes it. */
    @FunctionalInterface
    interface InputGradient {
        double[] dx(double[] dGamma, double[] dBeta);
    }

    /** d&gamma; and d&beta; (summed in row-major order) and the dx that {@code input} computes from them. */
    final LayerGradients gradients(Tensor x, double[] xhat, Tensor dy, InputGradient input) {
        int features = gamma.size();
        double[] dGamma = new double[features];
        double[] dBeta = new double[features];
        for (int i = 0; i < xhat.length; i++) {
            dBeta[i % features] += dy.get(i);
            dGamma[i % features] += dy.get(i) * xhat[i];
        }
        double[] dx = input.dx(dGamma, dBeta);
        Map<String, Tensor> grads = new LinkedHashMap<>();
        grads.put(GAMMA, Tensor.wrap(dGamma, features));
        grads.put(BETA, Tensor.wrap(dBeta, features));
        return new LayerGradients(Tensor.wrap(dx, x.shape()), grads);
    }
}
