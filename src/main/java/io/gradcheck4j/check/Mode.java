package io.gradcheck4j.check;

/** Which entries a gradient check compares. */
public enum Mode {
    /** Every coordinate of every tensor: 4 evaluations of f per entry (two central differences). */
    FULL,
    /**
     * {@link CheckOptions#samplesPerTensor()} coordinates per tensor, drawn with the options' seed from a
     * private generator, always including the first and last entries and those with the largest and
     * smallest analytic values.
     */
    SAMPLED,
    /**
     * Random projections: per tensor, {@link CheckOptions#probes()} random unit directions u; the analytic
     * directional derivative &lt;&part;f/&part;v, u&gt; from the one backward pass is compared with the central
     * difference of f along u. O(probes) evaluations whatever the tensor size; a failing tensor is re-checked
     * in FULL mode to name the wrong entries.
     */
    FAST
}
