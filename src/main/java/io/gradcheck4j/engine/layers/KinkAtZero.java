package io.gradcheck4j.engine.layers;

/**
 * An activation defined piecewise for x &le; 0 and x &gt; 0 (ReLU, step, leaky ReLU, ELU): its branch is 1
 * for x &gt; 0 and 0 otherwise. It is piecewise unless a subclass says its pieces join smoothly.
 */
abstract class KinkAtZero extends Elementwise {

    @Override
    protected boolean piecewise() {
        return true;
    }

    @Override
    protected final int branch(double x) {
        return x > 0 ? 1 : 0;
    }
}
