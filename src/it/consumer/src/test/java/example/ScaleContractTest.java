package example;

import io.gradcheck4j.contract.LayerClassType;
import io.gradcheck4j.engine.LayerType;
import io.gradcheck4j.junit.LayerContract;

/** The library's JUnit 5 contract run on the consumer's own layer. */
class ScaleContractTest extends LayerContract {

    @Override
    protected LayerType layerType() {
        return new LayerClassType(Scale::new, 2, 3);
    }
}
