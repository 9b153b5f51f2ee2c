package io.gradcheck4j.contract;

/**
 * The outcome of one check of the layer battery on one sample.
 *
 * @param check  which check, e.g. {@code gradients match finite differences}
 * @param sample the sample's description
 * @param passed whether it passed
 * @param detail why it failed (the mismatch report), or a short summary when it passed
 */
public record BatteryResult(String check, String sample, boolean passed, String detail) {

    /** One line: {@code PASS|FAIL <check> [<sample>]: <detail>} (the detail's first line). */
    public String line() {
        String first = detail.lines().findFirst().orElse("");
        return (passed ? "PASS " : "FAIL ") + check + " [" + sample + "]" + (first.isEmpty() ? "" : ": " + first);
    }
}
