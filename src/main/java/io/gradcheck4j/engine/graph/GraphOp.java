package io.gradcheck4j.engine.graph;

import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * The operation of one graph node: y = op(a<sub>1</sub>, ..., a<sub>k</sub>; &theta;) on the values of
 * earlier nodes, with its backward rule. Like layers, ops are pure and immutable.
 */
public interface GraphOp {

    /** A short type name for reports, e.g. {@code add} or a layer's type. */
    String type();

    /** The named parameters in a stable order (empty for parameter-free ops). */
    default Map<String, Tensor> parameters() {
        return Map.of();
    }

    /** y = op(args). */
    Tensor forward(List<Tensor> args);

    /**
     * Given the arguments, y = forward(args) and dy = &part;J/&part;y, the vector-Jacobian products
     * &part;J/&part;a<sub>i</sub> for every argument (in order) and &part;J/&part;&theta; for every parameter.
     */
    NodeGradients backward(List<Tensor> args, Tensor y, Tensor dy);

    /**
     * Which branch of a piecewise definition each output element takes at these arguments (see
     * {@link io.gradcheck4j.engine.Layer#branchPattern}); empty for smooth ops (the default).
     */
    default int[] branchPattern(List<Tensor> args) {
        return new int[0];
    }

    /** The same op with some parameters replaced (same names and shapes); parameter-free ops reject any. */
    default GraphOp withParameters(Map<String, Tensor> replacements) {
        if (!replacements.isEmpty()) {
            throw new IllegalArgumentException(type() + " has no parameters, got " + replacements.keySet());
        }
        return this;
    }
}
