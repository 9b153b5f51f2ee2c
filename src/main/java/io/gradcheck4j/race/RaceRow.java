package io.gradcheck4j.race;

/**
 * One line of the race: the same gradient of one network computed numerically (two forward passes per
 * parameter) and by backprop (one forward and one backward pass).
 *
 * @param network             the MLP
 * @param parameters          its parameter count P
 * @param sampledCoordinates  how many of the P coordinates were actually differentiated numerically (k);
 *                            when k &lt; P the numeric time is extrapolated as measured &middot; P / k
 * @param forwardSeconds      one forward pass (mean of repeated runs)
 * @param numericSeconds      one full numeric gradient: 2P forward passes (measured, or extrapolated from k)
 * @param backpropSeconds     one backprop gradient: forward, loss gradient, backward (mean of repeated runs)
 * @param maxRelativeError    largest |a - n| / max(|a|, |n|) between backprop and numeric over the sampled coordinates
 */
public record RaceRow(SigmoidMlp network, long parameters, int sampledCoordinates, double forwardSeconds,
                      double numericSeconds, double backpropSeconds, double maxRelativeError) {

    /** The forward passes a full numeric gradient takes: 2P. */
    public long numericPasses() {
        return 2 * parameters;
    }

    /** The forward passes actually run for the numeric column: 2k. */
    public long measuredPasses() {
        return 2L * sampledCoordinates;
    }

    /** Whether the numeric time is an extrapolation from k &lt; P coordinates. */
    public boolean extrapolated() {
        return sampledCoordinates < parameters;
    }

    /** numeric time / backprop time. */
    public double ratio() {
        return numericSeconds / backpropSeconds;
    }

    /** 2P / 3: a backprop gradient costs about three forward passes, a numeric one 2P. */
    public double theoreticalRatio() {
        return 2.0 * parameters / 3.0;
    }

    /** The backprop gradient's cost measured in forward passes: backprop time / forward time. */
    public double backpropInForwardPasses() {
        return backpropSeconds / forwardSeconds;
    }
}
