package io.gradcheck4j.engine.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.functions.CircuitFunction;
import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.report.CheckReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CircuitTest {

    @Test
    void cs231nCircuitForwardAndBackward() {
        // GIVEN the CS231n circuit f = (x + y) z at x = -2, y = 5, z = -4
        Circuit c = Circuit.builder().input("x", -2).input("y", 5).input("z", -4)
                .node("q", Op.ADD, "x", "y").node("f", Op.MUL, "q", "z").build("f");
        // WHEN
        Map<String, Double> g = c.gradients();
        // THEN q = 3, f = -12; df/dq = z = -4, df/dz = q = 3, df/dx = df/dy = df/dq * 1 = -4
        assertEquals(3.0, c.values().get("q"));
        assertEquals(-12.0, c.value());
        assertEquals(Map.of("x", -4.0, "y", -4.0, "z", 3.0, "q", -4.0, "f", 1.0), g);
    }

    @Test
    void fanOutAccumulatesOverBothUses() {
        // GIVEN f = x*y + x at x = 3, y = -2: x feeds two gates
        Circuit c = Circuit.builder().input("x", 3).input("y", -2)
                .node("xy", Op.MUL, "x", "y").node("f", Op.ADD, "xy", "x").build("f");
        // WHEN
        Map<String, Double> g = c.gradients();
        // THEN f = -6 + 3 = -3, df/dx = y + 1 = -1, df/dy = x = 3
        assertEquals(-3.0, c.value());
        assertEquals(-1.0, g.get("x"));
        assertEquals(3.0, g.get("y"));
        assertEquals(1.0, g.get("xy"));
    }

    @Test
    void constantsTakePartButGetNoGradient() {
        // GIVEN v = pow(a, 3) / (a + 2) at a = 2: v = 8 / 4 = 2
        Circuit c = Circuit.builder().input("a", 2)
                .node("p", Op.POW, List.of(Operand.ref("a"), Operand.constant(3)))
                .node("s", Op.ADD, List.of(Operand.ref("a"), Operand.constant(2)))
                .node("v", Op.DIV, "p", "s").build("v");
        // WHEN
        Map<String, Double> g = c.gradients();
        // THEN dv/dp = 1/s = 1/4, dv/ds = -p/s^2 = -1/2, dv/da = 3a^2/s - p/s^2 = 3 - 1/2 = 2.5
        assertEquals(2.0, c.value());
        assertEquals(0.25, g.get("p"));
        assertEquals(-0.5, g.get("s"));
        assertEquals(2.5, g.get("a"), 1e-15);
    }

    @Test
    void unaryGatesUseTheirClosedForms() {
        // GIVEN f = tanh(sigmoid(0)) + exp(log(2)) + relu(-1) + neg(square(3)) at the inputs below
        Circuit c = Circuit.builder().input("zero", 0).input("two", 2).input("minus1", -1).input("three", 3)
                .node("s", Op.SIGMOID, "zero").node("t", Op.TANH, "s")
                .node("l", Op.LOG, "two").node("e", Op.EXP, "l")
                .node("r", Op.RELU, "minus1")
                .node("q", Op.SQUARE, "three").node("n", Op.NEG, "q")
                .node("f", Op.ADD, "t", "e", "r", "n").build("f");
        // WHEN
        Map<String, Double> g = c.gradients();
        // THEN sigmoid(0) = 1/2, d tanh(s)/d zero = (1 - tanh(1/2)^2) / 4; d e/d two = e^l / 2 = 1;
        //      relu is off at -1; d(-(3^2))/d three = -6
        assertEquals(Math.tanh(0.5) + 2 + 0 - 9, c.value(), 1e-15);
        assertEquals((1 - Math.tanh(0.5) * Math.tanh(0.5)) * 0.25, g.get("zero"), 1e-15);
        assertEquals(1.0, g.get("two"), 1e-15);
        assertEquals(0.0, g.get("minus1"));
        assertEquals(-6.0, g.get("three"));
    }

    @Test
    void valueWithForcesANodeAndRecomputesDownstream() {
        // GIVEN (x + y) z at -2, 5, -4
        Circuit c = Circuit.builder().input("x", -2).input("y", 5).input("z", -4)
                .node("q", Op.ADD, "x", "y").node("f", Op.MUL, "q", "z").build("f");
        // WHEN q is forced to 10, x to 0
        // THEN f = 10 * -4 and f = (0 + 5) * -4
        assertEquals(-40.0, c.valueWith("q", 10));
        assertEquals(-20.0, c.valueWith("x", 0));
    }

    @Test
    void gradientCheckerAgreesOnEveryInputAndNode() {
        // GIVEN the staged circuit (x + sigmoid(y)) / (sigmoid(x) + (x + y)^2) at (3, -4)
        Circuit c = Circuit.builder().input("x", 3).input("y", -4)
                .node("sy", Op.SIGMOID, "y").node("num", Op.ADD, "x", "sy")
                .node("sx", Op.SIGMOID, "x").node("xpy", Op.ADD, "x", "y").node("sq", Op.SQUARE, "xpy")
                .node("den", Op.ADD, "sx", "sq").node("f", Op.DIV, "num", "den").build("f");
        // WHEN
        CheckReport report = GradientChecker.withDefaults().check(new CircuitFunction(c));
        // THEN every input and node is checked and passes
        assertTrue(report.passed(), report.mismatches().toString());
        assertEquals(c.names().size(), report.checked());
    }

    @Test
    void aReluGateOnItsKinkIsNamedAsTheKink() {
        // GIVEN f = relu(x) * y at x = 0, the relu gate's kink, and the same circuit at x = 0.5
        Circuit onKink = Circuit.builder().input("x", 0).input("y", 3)
                .node("r", Op.RELU, "x").node("f", Op.MUL, "r", "y").build("f");
        Circuit smooth = Circuit.builder().input("x", 0.5).input("y", 3)
                .node("r", Op.RELU, "x").node("f", Op.MUL, "r", "y").build("f");
        // WHEN both are checked
        CheckReport kinked = GradientChecker.withDefaults().check(new CircuitFunction(onKink));
        CheckReport fine = GradientChecker.withDefaults().check(new CircuitFunction(smooth));
        // THEN at the kink x is non-differentiable and the gate that changes branch is named, nothing fails
        assertEquals(0, kinked.failures(), kinked.toString());
        assertEquals("x", kinked.tensors().get(0).variable());
        assertEquals(1, kinked.tensors().get(0).nonDifferentiable());
        assertTrue(kinked.tensors().get(0).kinks().get(0).note().contains("gate r (relu) changes branch within the stencil"),
                kinked.tensors().get(0).kinks().toString());
        // AND away from it every input and gate passes: df/dx = y = 3, df/dy = relu(0.5) = 0.5
        assertTrue(fine.passed(), fine.mismatches().toString());
        assertEquals(0, fine.nonDifferentiable());
        assertEquals(3.0, smooth.gradients().get("x"));
        assertEquals(0.5, smooth.gradients().get("y"));
    }

    @Test
    void gradientsHiddenBehindAnOffReluAreZeroNotMinusZero() {
        // GIVEN f = relu(x) * y at x = -1, y = -2: relu is off, so df/dx = 0 * y
        Circuit c = Circuit.builder().input("x", -1).input("y", -2)
                .node("r", Op.RELU, "x").node("f", Op.MUL, "r", "y").build("f");
        // WHEN
        Map<String, Double> g = c.gradients();
        // THEN df/dx is +0 (a sum over uses starts at 0), df/dr = y = -2, df/dy = r = 0
        assertEquals(0.0, g.get("x"));
        assertEquals(-2.0, g.get("r"));
        assertEquals(0.0, g.get("y"));
    }

    @Test
    void anInputCanBeTheOutput() {
        // GIVEN out = x at x = 2, with a gate the output ignores
        Circuit c = Circuit.builder().input("x", 2).node("s", Op.SQUARE, "x").build("x");
        // WHEN
        Map<String, Double> g = c.gradients();
        // THEN out = 2, d out/dx = 1, d out/ds = 0; forcing x moves the output with it
        assertEquals(2.0, c.value());
        assertEquals(Map.of("x", 1.0, "s", 0.0), g);
        assertEquals(5.0, c.valueWith("x", 5));
    }

    @Test
    void localDerivativesOfPowGiveTheExponentNoGradient() {
        // GIVEN v = a^3 at a = 2 (v = 8)
        // WHEN
        double[] local = Op.POW.localDerivatives(new double[] {2, 3}, 8);
        // THEN dv/da = 3 a^2 = 12, and 0 for the constant exponent
        assertEquals(12.0, local[0]);
        assertEquals(0.0, local[1]);
    }

    @Test
    void builderRejectsMalformedGraphs() {
        // GIVEN / WHEN / THEN undefined and forward references, a wrong arity, a variable exponent, a duplicate
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Circuit.builder().input("x", 1)
                .node("f", Op.ADD, "x", "w")).getMessage().contains("'w'"));
        assertThrows(IllegalArgumentException.class, () -> Circuit.builder().input("x", 1)
                .node("f", Op.NEG, "f"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Circuit.builder().input("x", 1)
                .node("f", Op.SUB, "x")).getMessage().contains("2 arguments"));
        assertThrows(IllegalArgumentException.class, () -> Circuit.builder().input("x", 1).input("p", 2)
                .node("f", Op.POW, "x", "p"));
        assertThrows(IllegalArgumentException.class, () -> Circuit.builder().input("x", 1).input("x", 2));
        assertThrows(IllegalArgumentException.class, () -> Circuit.builder().input("x", 1).build("nope"));
        assertFalse(Op.find("softmax").isPresent());
    }
}
