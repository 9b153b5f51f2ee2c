package io.gradcheck4j.engine.fast;

import io.gradcheck4j.tensor.Tensor;

/**
 * The forward pass of one layer on a fixed input x as a function of a single entry of one of its
 * parameters: {@code forwardWith(i, v)} = f(x; &theta; with &theta;<sub>i</sub> = v), every other entry at its
 * value. A finite-difference check calls it twice per entry, so layers may make it much cheaper than a
 * full forward pass (see {@link FastLayer#probe}).
 *
 * <p>A probe is private working state of one thread: it is not thread-safe, and each thread asks the
 * layer for its own.
 */
@FunctionalInterface
public interface ParameterProbe {

    /**
     * The layer output at x with entry {@code flatIndex} (row-major) of the probed parameter set to
     * {@code newValue}; bit-for-bit equal to {@code withParameters(p.with(flatIndex, newValue)).forward(x)}.
     * The layer and its parameters are left unchanged.
     */
    Tensor forwardWith(int flatIndex, double newValue);

    /**
     * {@link #forwardWith} without allocating (see {@link FastLayer#forwardPatch}): {@code out} holds y =
     * forward(x) on entry; writes forwardWith(flatIndex, newValue) into it, bit for bit, lists the flat
     * indices written, ascending, in {@code written}, and returns how many; or returns -1, writing nothing,
     * when the probe has no such path (the default).
     */
    default int forwardWithInto(int flatIndex, double newValue, double[] out, int[] written) {
        return -1;
    }
}
