package io.gradcheck4j.arbitraries;

import io.gradcheck4j.engine.Network;
import io.gradcheck4j.tensor.Tensor;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.providers.ArbitraryProvider;
import net.jqwik.api.providers.TypeUsage;

/**
 * Lets properties declare {@code @ForAll NetworkCase c}, {@code @ForAll Network net} and
 * {@code @ForAll Tensor t} with the defaults of {@link Networks#mlps()} and {@link Tensors#any()}.
 * Registered in {@code META-INF/services/net.jqwik.api.providers.ArbitraryProvider}.
 */
public final class GradcheckArbitraryProvider implements ArbitraryProvider {

    @Override
    public boolean canProvideFor(TypeUsage targetType) {
        return targetType.isOfType(NetworkCase.class) || targetType.isOfType(Network.class) || targetType.isOfType(Tensor.class);
    }

    @Override
    public Set<Arbitrary<?>> provideFor(TypeUsage targetType, SubtypeProvider subtypeProvider) {
        if (targetType.isOfType(NetworkCase.class)) {
            return Set.of(Networks.mlps());
        }
        if (targetType.isOfType(Network.class)) {
            return Set.of(Networks.networks());
        }
        return Set.of(Tensors.any());
    }
}
