package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.arbitraries.Tensors;
import io.gradcheck4j.engine.fast.DirectionProbe;
import io.gradcheck4j.engine.fast.ParameterProbe;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * The incremental paths of {@link SimpleRnn} and {@link Lstm} against full forward passes, bit for bit: the
 * patch of a few changed input entries (rerunning the changed batch rows from the first changed step, on the
 * kept unperturbed states) equals forward(x2), round after round on the same layer; the parameter probe equals
 * a forward pass of the layer with one entry replaced, entry after entry on the same probe, and leaves the layer
 * as it was; the direction probe equals a forward pass at &theta; + tU. The forward pass itself (one product for
 * x W<sub>x</sub> over all steps, one h W<sub>h</sub> per step) equals, bit for bit, the step-by-step tensor
 * formula it replaced, (x<sub>t</sub> W<sub>x</sub> + h<sub>t-1</sub> W<sub>h</sub>) + b per step; a whole step of the
 * cells (the LSTM's gates activated block by block) equals its cells run unit by unit.
 */
@GradientProperties
class RecurrentPatchProperties {

    /** An RNN or LSTM and its input [batch 1-3, time 1-5, features 1-3], hidden 1-9 (the hidden product takes four rows of W<sub>h</sub> per pass, the rest one by one), values in [-2, 2]. */
    record Case(Recurrence layer, Tensor x) {
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(Arbitraries.of(false, true), Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 5),
                Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 9)).flatAs((lstm, batch, time, features, hidden) -> {
                    int gates = lstm ? 4 * hidden : hidden;
                    return Combinators.combine(values(features, gates), values(hidden, gates), values(gates), values(batch, time, features))
                            .as((wx, wh, b, x) -> new Case(lstm ? new Lstm(wx, wh, b) : new SimpleRnn(wx, wh, b), x));
                });
    }

    /**
     * Three rounds of 1-5 changes (index modulo the tensor's size, duplicates keep the first) to values in [-3, 3]
     * or to +infinity; NaN stands for "the same value again".
     */
    @Provide
    Arbitrary<List<List<Tuple2<Integer, Double>>>> rounds() {
        Arbitrary<Double> v = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(Double.NaN)), Tuple.of(1, Arbitraries.just(Double.POSITIVE_INFINITY)),
                Tuple.of(7, Arbitraries.doubles().between(-3, 3).ofScale(9)));
        return Combinators.combine(Arbitraries.integers().between(0, 10_000), v).as(Tuple::of).list().ofMinSize(1).ofMaxSize(5)
                .list().ofSize(3);
    }

    @Property(seed = "20261202", tries = 150)
    void forwardEqualsTheStepByStepTensorFormula(@ForAll("cases") Case c) {
        // GIVEN the layer's parameters
        Tensor wx = c.layer().wx;
        Tensor wh = c.layer().wh;
        Tensor b = c.layer().b;
        int batch = c.x().dim(0);
        int time = c.x().dim(1);
        int hidden = c.layer().hidden;
        boolean lstm = c.layer() instanceof Lstm;
        // WHEN the recurrence is computed step by step with tensor operations
        double[] expected = new double[batch * time * hidden];
        Tensor h = Tensor.zeros(batch, hidden);
        double[] cell = new double[batch * hidden];
        for (int t = 0; t < time; t++) {
            Tensor a = Sequences.timeStep(c.x(), t).matmul(wx).plus(h.matmul(wh)).plusRow(b);
            if (lstm) {
                double[] next = new double[batch * hidden];
                for (int n = 0; n < batch; n++) {
                    for (int k = 0; k < hidden; k++) {
                        int gate = n * 4 * hidden + k;
                        double i = sigmoid(a.get(gate));
                        double f = sigmoid(a.get(gate + hidden));
                        double g = Math.tanh(a.get(gate + 2 * hidden));
                        double o = sigmoid(a.get(gate + 3 * hidden));
                        cell[n * hidden + k] = f * cell[n * hidden + k] + i * g;
                        next[n * hidden + k] = o * Math.tanh(cell[n * hidden + k]);
                    }
                }
                h = Tensor.wrap(next, batch, hidden);
            } else {
                h = a.map(Math::tanh);
            }
            Sequences.putTimeStep(expected, time, t, h);
        }
        // THEN the layer's forward pass gives the same values bit for bit
        assertArrayEquals(expected, c.layer().forward(c.x()).toArray());
    }

    @Property(seed = "20261203", tries = 150)
    void patchEqualsAForwardPassOfTheChangedInput(@ForAll("cases") Case c, @ForAll("rounds") List<List<Tuple2<Integer, Double>>> rounds) {
        // GIVEN y = forward(x)
        Tensor y = c.layer().forward(c.x());
        for (List<Tuple2<Integer, Double>> round : rounds) {
            // AND x2 = x with a few entries changed (some to the same value)
            double[] x2 = c.x().toArray();
            int[] changed = changes(round, x2);
            double[] out = y.toArray();
            int[] written = new int[out.length];
            // WHEN the changes are patched into a copy of y, and carried by forwardIncremental
            int n = c.layer().forwardPatch(c.x(), y, x2, changed, changed.length, out, written);
            Tensor incremental = c.layer().forwardIncremental(c.x(), y, Tensor.of(x2, c.x().shape()));
            // THEN both are forward(x2) bit for bit, and the written indices are ascending, distinct, and cover every change
            double[] expected = c.layer().forward(Tensor.of(x2, c.x().shape())).toArray();
            assertArrayEquals(expected, out);
            assertArrayEquals(expected, incremental.toArray());
            PatchAssertions.assertListed(y, expected, written, n);
        }
    }

    @Property(seed = "20261204", tries = 150)
    void probeEqualsAForwardPassWithTheEntryReplaced(@ForAll("cases") Case c, @ForAll("parameters") String param,
                                                     @ForAll("rounds") List<List<Tuple2<Integer, Double>>> rounds) {
        // GIVEN a probe of one parameter
        Tensor value = c.layer().parameters().get(param);
        Tensor y = c.layer().forward(c.x());
        ParameterProbe probe = c.layer().probe(param, c.x(), y);
        for (List<Tuple2<Integer, Double>> round : rounds) {
            int index = round.get(0).get1() % value.size();
            double newValue = round.get(0).get2().isNaN() ? value.get(index) : round.get(0).get2();
            // WHEN it writes the output with one entry replaced (into y's copy, and allocating), entry after entry
            // THEN both are the forward pass of the layer with the entry replaced, bit for bit, every entry listed
            PatchAssertions.assertProbeEqualsForward(c.layer(), c.x(), y, probe, param, index, newValue);
        }
        // AND the layer is unchanged
        assertArrayEquals(y.toArray(), c.layer().forward(c.x()).toArray());
    }

    @Property(seed = "20261205", tries = 100)
    void directionProbeEqualsAForwardPassAtThetaPlusTU(@ForAll("cases") Case c, @ForAll("parameters") String param,
                                                       @ForAll("steps") List<Double> steps) {
        // GIVEN a direction U of one parameter (a fixed pattern of its shape)
        Tensor value = c.layer().parameters().get(param);
        Tensor direction = PatchAssertions.direction(value.shape());
        DirectionProbe probe = c.layer().probeDirection(param, c.x(), c.layer().forward(c.x()), direction);
        for (double t : steps) {
            // WHEN the probe evaluates the output at theta + tU
            Tensor actual = probe.forwardAt(t);
            // THEN it is the forward pass of the layer with theta + tU, bit for bit
            Tensor expected = c.layer().withParameters(Map.of(param, value.plusScaled(t, direction))).forward(c.x());
            assertArrayEquals(expected.toArray(), actual.toArray());
        }
    }

    @Property(seed = "20261206", tries = 300)
    void aStepEqualsItsCellsUnitByUnit(@ForAll("cases") Case c, @ForAll("stepValues") List<Double> values) {
        // GIVEN pre-activations a of every gate and carried states of one step (any sign and size, infinities, NaN)
        Recurrence layer = c.layer();
        int hidden = layer.hidden;
        int width = layer.width;
        int carried = layer.carriedWidth();
        double[] a = new double[width];
        double[] state = new double[carried];
        for (int j = 0; j < width + carried; j++) {
            double v = values.get(j % values.size()) * (1 + j % 3);
            if (j < width) {
                a[j] = v;
            } else {
                state[j - width] = v;
            }
        }
        // WHEN the step runs whole, and unit by unit through the cell
        double[] wholeA = a.clone();
        double[] wholeState = state.clone();
        double[] wholeH = new double[1 + hidden];
        double[] wholeGates = new double[2 + width];
        layer.step(wholeA, wholeState, wholeH, 1, wholeGates, 2);
        double[] unitState = state.clone();
        double[] unitH = new double[1 + hidden];
        double[] unitGates = new double[2 + width];
        for (int k = 0; k < hidden; k++) {
            layer.cell(k, a, unitState, unitH, 1, unitGates, 2);
        }
        // THEN h, the carried state and the activated gates are the same, bit for bit
        assertArrayEquals(unitH, wholeH);
        assertArrayEquals(unitState, wholeState);
        if (layer instanceof Lstm) {
            assertArrayEquals(unitGates, wholeGates);
        }
    }

    /** Values of a step: mostly in [-30, 30], some infinite or NaN. */
    @Provide
    Arbitrary<List<Double>> stepValues() {
        return Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.doubles().between(-30, 30).ofScale(12)),
                Tuple.of(1, Arbitraries.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, -0.0))).list().ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<String> parameters() {
        return Arbitraries.of(SimpleRnn.INPUT_WEIGHT, SimpleRnn.HIDDEN_WEIGHT, SimpleRnn.BIAS);
    }

    @Provide
    Arbitrary<List<Double>> steps() {
        return Arbitraries.doubles().between(-1e-3, 1e-3).ofScale(9).list().ofMinSize(1).ofMaxSize(3);
    }

    /** Applies the round's changes to {@code x2} and returns their indices, ascending. */
    static int[] changes(List<Tuple2<Integer, Double>> round, double[] x2) {
        TreeMap<Integer, Double> changes = new TreeMap<>();
        for (Tuple2<Integer, Double> change : round) {
            changes.putIfAbsent(change.get1() % x2.length, change.get2());
        }
        int[] where = changes.keySet().stream().mapToInt(Integer::intValue).toArray();
        for (int i : where) {
            if (!changes.get(i).isNaN()) {
                x2[i] = changes.get(i);
            }
        }
        return where;
    }

    private static double sigmoid(double v) {
        return v >= 0 ? 1.0 / (1.0 + Math.exp(-v)) : Math.exp(v) / (1.0 + Math.exp(v));
    }

    private static Arbitrary<Tensor> values(int... shape) {
        return Tensors.of(shape).between(-2, 2).decimals(9);
    }
}
