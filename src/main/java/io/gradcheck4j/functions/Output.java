package io.gradcheck4j.functions;

import io.gradcheck4j.check.BranchPattern;
import java.util.List;

/**
 * One evaluation of a {@link VectorFunction}: its outputs, flattened, and the branch patterns of its piecewise
 * stages (null when the function is a black box).
 *
 * @param values   y, flattened
 * @param branches the patterns, or null when unknown
 */
public record Output(double[] values, List<BranchPattern> branches) {
}
