package io.gradcheck4j.junit;

import io.gradcheck4j.contract.LayerClassType;
import io.gradcheck4j.contract.TestSoftplus;
import io.gradcheck4j.engine.LayerType;

/** A user's contract test: extend {@link LayerContract} and name the layer type (here a bare layer class). */
class SoftplusContractTest extends LayerContract {

    @Override
    protected LayerType layerType() {
        return new LayerClassType(TestSoftplus::new, 2, 5);
    }
}
