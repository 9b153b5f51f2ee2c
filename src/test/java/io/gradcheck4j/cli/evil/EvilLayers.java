package io.gradcheck4j.cli.evil;

import io.gradcheck4j.contract.LayerClassType;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.engine.LayerType;
import io.gradcheck4j.engine.LayerTypeProvider;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Layers whose backward pass misbehaves the way user code can: it ends the JVM, hangs, exhausts the heap or
 * the stack. Registered (by {@code UserCodeTest}'s jar only, never on the test class path) as the layer
 * types {@code evil_exit}, {@code evil_halt}, {@code evil_loop}, {@code evil_oom} and {@code evil_recursion}.
 */
public final class EvilLayers implements LayerTypeProvider {
    @Override
    public List<LayerType> layerTypes() {
        return List.of(new LayerClassType(Exit::new, 2, 3), new LayerClassType(Halt::new, 2, 3), new LayerClassType(Loop::new, 2, 3),
                new LayerClassType(Hungry::new, 2, 3), new LayerClassType(Deep::new, 2, 3));
    }

    /** The identity whose forward is fine; subclasses break backward. */
    abstract static class Identity implements Layer {
        @Override
        public Tensor forward(Tensor x) {
            return x.map(v -> v);
        }
    }

    /** Prints a fake verdict, then calls {@code System.exit(0)}. */
    public static final class Exit extends Identity {
        @Override
        public String type() {
            return "evil_exit";
        }

        @Override
        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
            System.out.println("PASSED: 24 of 24 checks passed");
            System.exit(0);
            return LayerGradients.ofInput(dy);
        }
    }

    /** Prints a fake verdict, then calls {@code Runtime.halt(0)} (no shutdown hook runs). */
    public static final class Halt extends Identity {
        @Override
        public String type() {
            return "evil_halt";
        }

        @Override
        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
            System.out.println("PASSED: 24 of 24 checks passed");
            Runtime.getRuntime().halt(0);
            return LayerGradients.ofInput(dy);
        }
    }

    /** Loops for ever, deaf to interrupts. */
    public static final class Loop extends Identity {
        private static volatile boolean forever = true;

        @Override
        public String type() {
            return "evil_loop";
        }

        @Override
        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
            while (forever) {
                Thread.onSpinWait();
            }
            return LayerGradients.ofInput(dy);
        }
    }

    /** Allocates until the heap is gone. */
    public static final class Hungry extends Identity {
        @Override
        public String type() {
            return "evil_oom";
        }

        @Override
        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
            List<long[]> hoard = new ArrayList<>();
            while (hoard.size() >= 0) {
                hoard.add(new long[1 << 20]);
            }
            return LayerGradients.ofInput(dy);
        }
    }

    /** Recurses until the stack is gone. */
    public static final class Deep extends Identity {
        @Override
        public String type() {
            return "evil_recursion";
        }

        @Override
        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
            return LayerGradients.ofInput(dy.map(v -> v + depth(0)));
        }

        private static int depth(int n) {
            return depth(n + 1) + 1;
        }
    }
}
