package io.gradcheck4j.check;

import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.report.Finding;
import io.gradcheck4j.report.TensorReport;
import java.util.List;

/**
 * The {@link CheckReport} of one check: f's description, the options' rule, step and acceptance of
 * inconclusive entries, and the mode as a reader sees it ({@link Mode#checked}: "FULL", "SAMPLED (k per tensor,
 * seed s)", "FAST (p probes per tensor, seed s)").
 */
final class CheckReports {
    private CheckReports() {
    }

    static CheckReport of(Differentiable f, CheckOptions options, List<TensorReport> reports, List<Finding> findings) {
        return new CheckReport(f.describe(), options.tolerance().describe(), options.relativeStep(), reports,
                options.mode().checked(options.seed()), findings,
                options.acceptInconclusive());
    }
}
