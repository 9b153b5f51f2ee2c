package io.gradcheck4j.readme;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;
import java.util.Map;

// README "Checking your own code", a mutable hand-written layer (verbatim from here on)
class Scale implements Layer {                        // y = s * x, keeping x in a field like hand-written code does
    double[] s = {2.0};
    double[] x;
    public String type() { return "scale"; }
    public Map<String, Tensor> parameters() { return Map.of("s", Tensor.vector(s)); }
    public Tensor forward(Tensor in) { x = in.toArray(); return in.scale(s[0]); }
    public LayerGradients backward(Tensor in, Tensor y, Tensor dy) {
        return new LayerGradients(dy.scale(s[0]), Map.of("s", Tensor.vector(dy.dot(Tensor.vector(x))))); }
    public Layer withParameters(Map<String, Tensor> p) { Scale c = new Scale(); c.s = p.get("s").toArray(); return c; }
}
