package io.gradcheck4j.arbitraries;

import io.gradcheck4j.engine.LayerTypes;
import io.gradcheck4j.engine.Network;
import java.util.List;
import net.jqwik.api.Arbitrary;

/**
 * jqwik arbitraries for networks and gradient-check cases, e.g.
 * {@code Networks.mlps().depth(1, 4).width(1, 8).activations("tanh", "relu").losses("mse")}.
 * The same defaults back {@code @ForAll NetworkCase} and {@code @ForAll Network} parameters.
 */
public final class Networks {
    private Networks() {
    }

    /** Random MLP cases with the defaults of {@link MlpArbitrary}, activations from the built-in registry. */
    public static MlpArbitrary mlps() {
        return MlpArbitrary.defaults(LayerTypes.builtIn());
    }

    /** Random MLP cases whose activations come from the layer types registered on {@code types}. */
    public static MlpArbitrary mlps(LayerTypes types) {
        return MlpArbitrary.defaults(types);
    }

    /**
     * The registered layer types {@link #mlps()} can place between affine layers (parameter-free and
     * shape-keeping), identity first.
     */
    public static List<String> activations() {
        return Activations.of(LayerTypes.builtIn());
    }

    /** Just the networks of {@link #mlps()}. */
    public static Arbitrary<Network> networks() {
        return mlps().networks();
    }
}
