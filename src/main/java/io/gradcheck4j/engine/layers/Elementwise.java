package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;

/**
 * A parameter-free activation applied element by element, y<sub>i</sub> = g(x<sub>i</sub>), on inputs of
 * any shape. Backward: dx<sub>i</sub> = g'(x<sub>i</sub>) &middot; dy<sub>i</sub>, where g' may use the
 * already computed y<sub>i</sub> (e.g. sigmoid' = y (1 - y)).
 */
public abstract class Elementwise implements Layer {

    /** g(x). */
    protected abstract double value(double x);

    /** g'(x), given y = g(x). */
    protected abstract double derivative(double x, double y);

    @Override
    public final Tensor forward(Tensor x) {
        return x.map(this::value);
    }

    @Override
    public final LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
        double[] dx = new double[x.size()];
        for (int i = 0; i < dx.length; i++) {
            dx[i] = derivative(x.get(i), y.get(i)) * dy.get(i);
        }
        return LayerGradients.ofInput(Tensor.wrap(dx, x.shape()));
    }
}
