package io.gradcheck4j.engine.circuit;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One gate of a {@link Circuit}: {@code name = op(args)}.
 *
 * @param name unique name
 * @param op   the gate
 * @param args its arguments, in order
 */
public record Node(String name, Op op, List<Operand> args) {

    /** Copies the argument list. */
    public Node {
        args = List.copyOf(args);
    }

    /** The gate as text, e.g. {@code q = add(x, y)}. */
    @Override
    public String toString() {
        return name + " = " + op.label() + "(" + args.stream().map(Operand::toString).collect(Collectors.joining(", ")) + ")";
    }
}
