package io.gradcheck4j.race;

import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.check.Errors;
import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The race of the why-backprop post ("numeric differentiation is far too slow for large models; backprop is the
 * efficient technique"): for MLPs of growing parameter count P, the time of one numeric gradient by
 * central differences (2P full forward passes, the textbook method) against one backprop gradient (one
 * forward and one backward pass, about three forward passes), so the ratio grows like 2P / 3.
 *
 * <p>The step is the checker's default h = {@link CheckOptions#DEFAULT_STEP} &middot; max(|v|, 1), and each
 * row records the largest relative error between the two gradients on the differentiated coordinates.
 *
 * <p>When 2P forward passes do not fit the time budget of a network, the numeric gradient is measured on k
 * coordinates spread evenly over all parameters and its time extrapolated as measured &middot; P / k (every
 * coordinate costs the same two full forward passes); the row says so.
 */
public final class Race {
    private static final double WARM_UP_SECONDS = 0.05;
    private static final double BLOCK_SECONDS = 0.01;
    private static final int BLOCKS = 5;

    /** Told when a network starts. */
    public interface Listener {
        /** Network {@code index} (0-based) of {@code count} starts. */
        void started(int index, int count, SigmoidMlp network);
    }

    private final double budgetSeconds;
    private final long seed;

    /**
     * A race giving each network's numeric gradient at most {@code budgetSeconds} of measured work.
     *
     * @param seed draws every network's weights, inputs and targets
     */
    public Race(double budgetSeconds, long seed) {
        if (!(budgetSeconds > 0)) {
            throw new IllegalArgumentException("the time budget must be > 0 s, got " + budgetSeconds);
        }
        this.budgetSeconds = budgetSeconds;
        this.seed = seed;
    }

    /**
     * The race networks: w-w-10 MLPs on a batch of 16 whose parameter counts P = w<sup>2</sup> + 11w + 10
     * are the largest not above 10<sup>2</sup>, 10<sup>2.5</sup>, ..., 10<sup>6</sup>, keeping those with P &le;
     * {@code maxParams}.
     */
    public static List<SigmoidMlp> networks(long maxParams) {
        List<SigmoidMlp> networks = new ArrayList<>();
        for (int k = 0; k <= 8; k++) {
            double target = Math.pow(10, 2 + k / 2.0);
            int width = (int) Math.max(1, Math.floor((-11 + Math.sqrt(121 - 40 + 4 * target)) / 2));
            SigmoidMlp mlp = new SigmoidMlp(width, width, 10, 16);
            if (mlp.parameterCount() <= maxParams) {
                networks.add(mlp);
            }
        }
        return networks;
    }

    /**
     * Runs every network in order, after a discarded run of the first one so that its row is not slowed by
     * the JIT compiler's warm-up.
     */
    public List<RaceRow> run(List<SigmoidMlp> networks, Listener listener) {
        if (!networks.isEmpty()) {
            new Race(Math.min(budgetSeconds, WARM_UP_SECONDS), seed).run(networks.get(0));
        }
        List<RaceRow> rows = new ArrayList<>();
        for (int i = 0; i < networks.size(); i++) {
            listener.started(i, networks.size(), networks.get(i));
            rows.add(run(networks.get(i)));
        }
        return rows;
    }

    /** Times one network. */
    public RaceRow run(SigmoidMlp mlp) {
        NetworkFunction f = mlp.build(seed);
        Network network = f.network();
        Tensor x = f.input();
        Objective objective = f.objective();
        double forward = timePerCall(() -> network.forward(x));
        double backprop = timePerCall(() -> network.gradients(x, objective));
        Map<String, Tensor> analytic = network.gradients(x, objective);

        long p = mlp.parameterCount();
        int k = (int) Math.min(p, Math.max(4, Math.floor(budgetSeconds / (2 * forward))));
        Perturbable perturbable = new Perturbable(network);
        double maxRelativeError = 0;
        long start = System.nanoTime();
        for (int c = 0; c < k; c++) {
            long flat = c * p / k;
            Perturbable.Entry e = perturbable.entry(flat);
            double original = e.get();
            double h = CheckOptions.DEFAULT_STEP * Math.max(Math.abs(original), 1.0);
            e.set(original + h);
            double plus = objective.value(perturbable.network().forward(x));
            e.set(original - h);
            double minus = objective.value(perturbable.network().forward(x));
            e.set(original);
            double numeric = (plus - minus) / ((original + h) - (original - h));
            double a = analytic.get(e.name()).get(e.index());
            maxRelativeError = Math.max(maxRelativeError, Errors.relativeError(a, numeric));
        }
        double measured = (System.nanoTime() - start) / 1e9;
        return new RaceRow(mlp, p, k, forward, measured * p / k, backprop, maxRelativeError);
    }

    /**
     * Seconds per call: after a warm-up of {@link #WARM_UP_SECONDS} (so the JIT has compiled the code), the
     * fastest of {@link #BLOCKS} blocks of calls lasting at least {@link #BLOCK_SECONDS} each (the minimum
     * is the estimate least disturbed by other processes on a shared machine).
     */
    private static double timePerCall(Runnable call) {
        repeat(call, WARM_UP_SECONDS);
        double best = Double.POSITIVE_INFINITY;
        for (int b = 0; b < BLOCKS; b++) {
            best = Math.min(best, repeat(call, BLOCK_SECONDS));
        }
        return best;
    }

    /** Mean seconds per call over at least one call lasting {@code seconds} in all. */
    private static double repeat(Runnable call, double seconds) {
        int calls = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            call.run();
            calls++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < seconds * 1e9);
        return elapsed / 1e9 / calls;
    }

    /**
     * A copy of a network whose parameters live in private arrays that can be set entry by entry, so the
     * numeric gradient runs honest full forward passes without rebuilding the network each time.
     */
    private static final class Perturbable {
        private final Network network;
        private final List<String> names = new ArrayList<>();
        private final List<double[]> arrays = new ArrayList<>();
        private final long[] offsets;

        Perturbable(Network original) {
            List<Layer> layers = new ArrayList<>();
            for (int i = 0; i < original.layers().size(); i++) {
                Layer layer = original.layers().get(i);
                Map<String, Tensor> scratch = new LinkedHashMap<>();
                for (Map.Entry<String, Tensor> param : layer.parameters().entrySet()) {
                    double[] data = param.getValue().toArray();
                    scratch.put(param.getKey(), Tensor.wrap(data, param.getValue().shape()));
                    names.add(Network.parameterName(i, param.getKey()));
                    arrays.add(data);
                }
                layers.add(scratch.isEmpty() ? layer : layer.withParameters(scratch));
            }
            network = new Network(layers);
            offsets = new long[arrays.size() + 1];
            for (int t = 0; t < arrays.size(); t++) {
                offsets[t + 1] = offsets[t] + arrays.get(t).length;
            }
        }

        Network network() {
            return network;
        }

        /** Entry {@code flat} of all parameters laid end to end in layer order. */
        Entry entry(long flat) {
            int t = 0;
            while (flat >= offsets[t + 1]) {
                t++;
            }
            return new Entry(names.get(t), arrays.get(t), (int) (flat - offsets[t]));
        }

        record Entry(String name, double[] data, int index) {
            double get() {
                return data[index];
            }

            void set(double value) {
                data[index] = value;
            }
        }
    }
}
