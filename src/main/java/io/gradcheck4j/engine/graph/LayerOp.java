package io.gradcheck4j.engine.graph;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.Map;

/** A {@link Layer} as a one-argument graph op: y = layer(a), with the layer's own backward rule and parameters. */
public final class LayerOp implements GraphOp {
    private final Layer layer;

    /** The op applying {@code layer}. */
    public LayerOp(Layer layer) {
        this.layer = layer;
    }

    /** The wrapped layer. */
    public Layer layer() {
        return layer;
    }

    @Override
    public String type() {
        return layer.type();
    }

    @Override
    public Map<String, Tensor> parameters() {
        return layer.parameters();
    }

    @Override
    public Tensor forward(List<Tensor> args) {
        return layer.forward(single(args));
    }

    @Override
    public NodeGradients backward(List<Tensor> args, Tensor y, Tensor dy) {
        LayerGradients g = layer.backward(single(args), y, dy);
        return new NodeGradients(List.of(g.input()), g.parameters());
    }

    @Override
    public int[] branchPattern(List<Tensor> args) {
        return layer.branchPattern(single(args));
    }

    @Override
    public GraphOp withParameters(Map<String, Tensor> replacements) {
        return new LayerOp(layer.withParameters(replacements));
    }

    private Tensor single(List<Tensor> args) {
        if (args.size() != 1) {
            throw new IllegalArgumentException("layer " + layer.type() + " takes 1 argument, got " + args.size());
        }
        return args.get(0);
    }
}
