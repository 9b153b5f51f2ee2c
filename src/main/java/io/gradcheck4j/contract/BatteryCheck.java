package io.gradcheck4j.contract;

import java.util.function.Supplier;

/**
 * One check of the layer battery on one sample, not yet run (so a test framework can run each as its own
 * test).
 *
 * @param check  which check
 * @param sample the sample's description
 * @param body   runs the check
 */
public record BatteryCheck(String check, String sample, Supplier<BatteryResult> body) {

    /** Runs the check; a layer that throws fails the check with the exception as detail. */
    public BatteryResult run() {
        try {
            return body.get();
        } catch (RuntimeException e) {
            return new BatteryResult(check, sample, false, "threw " + e);
        }
    }

    /** {@code <check> [<sample>]}. */
    public String displayName() {
        return check + " [" + sample + "]";
    }
}
