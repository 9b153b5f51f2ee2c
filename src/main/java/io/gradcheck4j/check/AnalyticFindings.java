package io.gradcheck4j.check;

import io.gradcheck4j.report.Finding;
import io.gradcheck4j.report.FindingMessages;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;

/**
 * What is wrong with the analytic gradient the backward pass returned for one tensor, before any comparison:
 * missing (MISSING_GRADIENT), of another shape than the tensor (WRONG_GRADIENT_SHAPE), or with a NaN or
 * infinite entry (NON_FINITE_ANALYTIC, the first such index named).
 */
final class AnalyticFindings {
    private AnalyticFindings() {
    }

    /**
     * Adds to {@code findings} what is wrong with {@code a} as the gradient of v; true when a can be compared
     * with the numeric derivatives (present and of v's shape, even if not finite).
     */
    static boolean comparable(Variable v, Tensor a, List<Finding> findings) {
        if (a == null) {
            findings.add(new Finding(Finding.Kind.MISSING_GRADIENT, v.location(), FindingMessages.missingGradient(v.name())));
            return false;
        }
        if (!a.sameShape(v.value())) {
            findings.add(new Finding(Finding.Kind.WRONG_GRADIENT_SHAPE, v.location(), FindingMessages.wrongGradientShape(v.name(), a.shape(), v.value().shape())));
            return false;
        }
        int nonFinite = a.firstNonFinite();
        if (nonFinite >= 0) {
            findings.add(new Finding(Finding.Kind.NON_FINITE_ANALYTIC, v.location(), FindingMessages.nonFiniteAnalytic(a.get(nonFinite), v.value().formatIndex(nonFinite))));
        }
        return true;
    }

    /** Whether {@code finding} explains a failed backward pass (no gradient, or one of the wrong shape). */
    static boolean blocksBackward(Finding finding) {
        return finding.kind() == Finding.Kind.WRONG_GRADIENT_SHAPE || finding.kind() == Finding.Kind.MISSING_GRADIENT;
    }
}
