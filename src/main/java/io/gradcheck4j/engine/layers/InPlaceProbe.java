package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.fast.ParameterProbe;
import io.gradcheck4j.tensor.Tensor;

/**
 * The frame of a weight-or-bias layer's parameter probe with an in-place path (affine, conv2d): the parameter
 * name checked, and {@link ParameterProbe#forwardWith} as the in-place path run on a copy of y = forward(x),
 * so both of the probe's forms give the same values bit for bit.
 */
final class InPlaceProbe {
    private InPlaceProbe() {
    }

    /** A probe's in-place path ({@link ParameterProbe#forwardWithInto}): {@code out} holds y on entry. */
    @FunctionalInterface
    interface Path {
        int write(int flatIndex, double newValue, double[] out, int[] written);
    }

    /**
     * Whether {@code param} is the layer's {@code weight} (else its {@code bias}).
     *
     * @throws IllegalArgumentException naming the layer type when it is neither
     */
    static boolean perturbsWeight(String type, String param) {
        if (!param.equals("weight") && !param.equals("bias")) {
            throw new IllegalArgumentException(type + " has no parameter " + param);
        }
        return param.equals("weight");
    }

    /** The probe whose in-place form is {@code path} and whose allocating form runs {@code path} on a copy of y. */
    static ParameterProbe of(Tensor y, Path path) {
        return new ParameterProbe() {
            @Override
            public Tensor forwardWith(int flatIndex, double newValue) {
                double[] ys = y.toArray();
                path.write(flatIndex, newValue, ys, new int[ys.length]);
                return Tensor.wrap(ys, y.shape());
            }

            @Override
            public int forwardWithInto(int flatIndex, double newValue, double[] out, int[] written) {
                return path.write(flatIndex, newValue, out, written);
            }
        };
    }
}
