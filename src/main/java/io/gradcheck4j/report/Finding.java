package io.gradcheck4j.report;

/**
 * A fault found by the diagnostics that run beside the gradient comparison (PyTorch's re-entrancy and
 * nondeterminism checks, and more): each kind is a distinct verdict naming the layer and tensor.
 *
 * @param kind     what is wrong
 * @param location the layer or tensor, e.g. {@code layer 1 (dropout)} or {@code layer 0 (affine) parameter weight}
 * @param message  one line explaining the fault and how it was detected
 */
public record Finding(Kind kind, String location, String message) {

    /** Whether this finding fails the check (every kind but warnings does). */
    public boolean isError() {
        return kind.error();
    }

    /** One line: {@code KIND at location: message}. */
    @Override
    public String toString() {
        return FindingMessages.finding(this);
    }

    /** The faults the diagnostics distinguish. */
    public enum Kind {
        /**
         * forward changed the values of its input or of a parameter, or backward those of x, y, dy or a
         * parameter (compared with a copy taken before).
         */
        INPUT_MUTATION(true),
        /** two forward passes on the same values gave different outputs (beyond the nondeterminism tolerance). */
        NONDETERMINISTIC_FORWARD(true),
        /** two backward passes on the same values gave different gradients: backward is not re-entrant. */
        BACKWARD_NOT_REENTRANT(true),
        /** backward returned no gradient for an input or parameter. */
        MISSING_GRADIENT(true),
        /** backward returned a gradient whose shape differs from its tensor's. */
        WRONG_GRADIENT_SHAPE(true),
        /** backward returned a gradient for a parameter the layer does not have. */
        UNEXPECTED_GRADIENT(true),
        /** the analytic gradient holds NaN or an infinity. */
        NON_FINITE_ANALYTIC(true),
        /** the function is NaN or infinite near the point, so finite differences are NaN or infinite. */
        NON_FINITE_NUMERIC(true),
        /**
         * the function is computed with less than double precision (e.g. float32 rounding): tiny steps show
         * noise far above double round-off, so numeric derivatives carry a large error (a warning: the
         * error-aware rule already widens its bound by the measured estimate).
         */
        FLOAT_PRECISION(false),
        /**
         * at the configured step every numeric estimate of the tensor exceeded the values compared: the step
         * does not suit the function (a warning: the adaptive search looked for a better step per entry).
         */
        STEP_UNSUITABLE(false);

        private final boolean error;

        Kind(boolean error) {
            this.error = error;
        }

        /** Whether findings of this kind fail the check. */
        public boolean error() {
            return error;
        }
    }
}
