package io.gradcheck4j.engine.circuit;

/** An argument of a gate: a reference to an input or an earlier node, or a numeric constant. */
public sealed interface Operand {

    /** A reference to the input or node called {@code name}. */
    static Operand ref(String name) {
        return new Ref(name);
    }

    /** A numeric constant (receives no gradient). */
    static Operand constant(double value) {
        return new Constant(value);
    }

    /** A reference to an input or an earlier node. */
    record Ref(String name) implements Operand {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A numeric constant. */
    record Constant(double value) implements Operand {
        @Override
        public String toString() {
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
        }
    }
}
