package io.gradcheck4j.cli.evil;

import io.gradcheck4j.contract.LayerClassType;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.engine.LayerType;
import io.gradcheck4j.engine.LayerTypeProvider;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A correct layer that is slow: the identity whose forward pass takes {@value Slow#FORWARD_MILLIS} ms, so that a
 * full check of a 30 x 30 input (a few forward passes per entry) runs for ten seconds and more. Registered (by
 * {@code TimeoutTest}'s jar only, never on the test class path) as the layer type {@code slow_identity}.
 */
public final class SlowLayers implements LayerTypeProvider {
    @Override
    public List<LayerType> layerTypes() {
        return List.of(new LayerClassType(Slow::new, 2, 3));
    }

    /** y = x, computed in no less than {@value #FORWARD_MILLIS} ms; dx = dy. */
    public static final class Slow implements Layer {
        static final long FORWARD_MILLIS = 20;

        @Override
        public String type() {
            return "slow_identity";
        }

        @Override
        public Tensor forward(Tensor x) {
            LockSupport.parkNanos(FORWARD_MILLIS * 1_000_000);
            return x.map(v -> v);
        }

        @Override
        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
            return LayerGradients.ofInput(dy);
        }
    }
}
