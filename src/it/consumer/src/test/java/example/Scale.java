package example;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;
import java.util.Map;

/**
 * A hand-written layer on plain arrays, as a user of the library writes one: y[i][j] = w[j] x[i][j], so
 * dx[i][j] = w[j] dy[i][j] and dw[j] = sum over i of x[i][j] dy[i][j].
 */
final class Scale implements Layer {
    private final Tensor w;

    Scale() {
        this(Tensor.vector(0.5, -1.5, 2.0));
    }

    private Scale(Tensor w) {
        this.w = w;
    }

    @Override
    public String type() {
        return "scale";
    }

    @Override
    public Map<String, Tensor> parameters() {
        return Map.of("w", w);
    }

    @Override
    public Tensor forward(Tensor x) {
        double[] y = x.toArray();
        for (int i = 0; i < y.length; i++) {
            y[i] *= w.get(i % w.size());
        }
        return Tensor.of(y, x.shape());
    }

    @Override
    public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
        double[] dx = new double[dy.size()];
        double[] dw = new double[w.size()];
        for (int i = 0; i < dx.length; i++) {
            int j = i % w.size();
            dx[i] = w.get(j) * dy.get(i);
            dw[j] += x.get(i) * dy.get(i);
        }
        return new LayerGradients(Tensor.of(dx, x.shape()), Map.of("w", Tensor.of(dw, w.size())));
    }

    @Override
    public Layer withParameters(Map<String, Tensor> replacements) {
        Tensor replaced = replacements.get("w");
        return replaced == null ? this : new Scale(replaced);
    }
}
