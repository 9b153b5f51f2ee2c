package io.gradcheck4j.check;

import io.gradcheck4j.report.Finding;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The numeric side of a FAST check, which needs no analytic gradient: per tensor the measured noise of f
 * (see {@link GradientChecker#noise}) and, for each of the options' probes, a random unit direction u with
 * the stencil of f along it (see {@link Stencil#sample}); the derivative along u follows once the noise is
 * known. The float-precision trap ({@link Diagnostics#precision}) is judged along the first direction, two more
 * evaluations, so it needs no analytic gradient either. On a pool every tensor's noise and every probe is a task of its own, so the work spreads evenly over
 * the cores while the diagnostics compute the analytic gradient; without one, each is computed when first
 * asked for. Each probe draws from its own generator, split in order from the tensor's, so the directions,
 * and every value, are the same whatever the thread count.
 */
final class FastProbes {
    /**
     * Values of f along each probe's own line for its noise (fourth differences at h/8, see {@link Stencil#noise}):
     * moving all n entries at once rounds n inputs and every sum over them, so f is noisier along a direction than
     * along one entry, by a factor growing with n; 11 points give 7 fourth differences for a steady median.
     */
    static final int LINE_NOISE_POINTS = 11;

    private final CheckOptions options;
    private final NumericDifferentiation numeric;

    FastProbes(CheckOptions options) {
        this.options = options;
        this.numeric = new NumericDifferentiation(options);
    }

    /**
     * What was measured of one tensor: the noise, the directions, the stencils along them (their derivatives
     * follow for a noise level, see {@link Stencil.Sampled#derivative}), and the float-precision finding judged
     * along the first direction (see {@link Diagnostics#precision}), the lines of f along the directions (for the
     * adaptive step search) and f at the point.
     */
    record Numerics(double noise, List<double[]> directions, List<Stencil.Sampled> stencils, List<Finding> precision,
                    List<Stencil.Line> lines, List<LineNoise> lineNoises, Supplier<Evaluation> center) {
    }

    /**
     * Starts the measurements of every variable on {@code pool} (null: computed on demand); the suppliers
     * deliver them in variable order, rethrowing a failed evaluation as {@link CheckAborted}. Tasks still
     * queued when {@code abandoned} is set do nothing.
     */
    List<Supplier<Numerics>> start(Differentiable f, List<Variable> variables, ForkJoinPool pool, AtomicBoolean abandoned) {
        Supplier<Evaluation> center = new Once<>(() -> center(f, variables.get(0)));
        List<Supplier<Double>> noises = new ArrayList<>();
        for (Variable v : variables) {
            noises.add(start(pool, abandoned, () -> noise(f, v)));
        }
        List<List<Supplier<Sampled>>> probes = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            Variable v = variables.get(i);
            SplittableRandom generator = SampledEntries.generator(options, i);
            List<Supplier<Sampled>> own = new ArrayList<>();
            for (int k = 0; k < options.probes(); k++) {
                SplittableRandom random = generator.split();
                int probe = k;
                own.add(start(pool, abandoned, () -> sample(f, v, random, probe, center)));
            }
            probes.add(own);
        }
        List<Supplier<Numerics>> out = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            Variable variable = variables.get(i);
            Supplier<Double> measured = noises.get(i);
            List<Supplier<Sampled>> sampled = probes.get(i);
            out.add(() -> {
                double noise = measured.get();
                List<double[]> directions = new ArrayList<>();
                List<Stencil.Sampled> stencils = new ArrayList<>();
                List<PrecisionTrap.TinyStep> tinySteps = new ArrayList<>();
                List<Stencil.Line> lines = new ArrayList<>();
                List<LineNoise> lineNoises = new ArrayList<>();
                for (Supplier<Sampled> s : sampled) {
                    Sampled probe = s.get();
                    directions.add(probe.direction());
                    stencils.add(probe.stencil());
                    lines.add(probe.line());
                    lineNoises.add(probe.lineNoise());
                    if (probe.tinyStep() != null) {
                        tinySteps.add(probe.tinyStep());
                    }
                }
                return new Numerics(noise, directions, stencils, PrecisionTrap.precision(variable, tinySteps), lines, lineNoises, center);
            });
        }
        return out;
    }

    /**
     * One probe: its direction, the stencil of f along it, (first probe only, else null) the precision trap along
     * it, its line, and the noise of f along that line (see {@link #LINE_NOISE_POINTS}), measured per spacing when asked for.
     */
    private record Sampled(double[] direction, Stencil.Sampled stencil, PrecisionTrap.TinyStep tinyStep, Stencil.Line line,
                           LineNoise lineNoise) {
    }

    /** The noise of f along the entries of v (see {@link GradientChecker#noise}); 0 for an empty tensor. */
    private double noise(Differentiable f, Variable v) {
        return numeric.noise(f, v);
    }

    /** f at the point itself, for the kink test of every stencil (through the first variable, unchanged). */
    private static Evaluation center(Differentiable f, Variable v) {
        Tensor copy = Tensor.wrap(v.value().toArray(), v.value().shape());
        return NumericDifferentiation.evaluate(f.probe(v.name(), copy), v, "the unperturbed point");
    }

    private Sampled sample(Differentiable f, Variable v, SplittableRandom random, int probe, Supplier<Evaluation> center) {
        double[] u = unitUniform(random, v.value().size());
        String where = "projection probe " + (probe + 1);
        Stencil.Line line = line(f, v, u, where);
        double scale = Math.max(1.0, v.value().maxAbs());
        Stencil.Sampled stencil = Stencil.sample(line, options.relativeStep() * scale, center.get(), options.kinkRetryFactor());
        PrecisionTrap.TinyStep tinyStep = probe == 0 && u.length > 0
                ? PrecisionTrap.tinyStep(line, stencil.first().derivative(0), PrecisionTrap.PRECISION_STEP * scale, "along " + where)
                : null;
        return new Sampled(u, stencil, tinyStep, line, new LineNoise(line));
    }

    /** f along v + t u, every evaluation named {@code where} should it fail. */
    static Stencil.Line line(Differentiable f, Variable v, double[] u, String where) {
        DirectionFunction along = NumericDifferentiation.bindDirection(f, v, Tensor.wrap(u, v.value().shape()));
        return new Stencil.Line() {
            @Override
            public Evaluation at(double t) {
                return NumericDifferentiation.evaluate(() -> along.at(t), v, where);
            }

            @Override
            public double realised(double t) {
                return t;
            }
        };
    }

    /**
     * A unit vector with independent entries uniform on [-1, 1] before normalising: a continuous distribution,
     * so &lt;e, u&gt; = 0 has probability 0 for every nonzero error e, at one random draw per entry (a Gaussian
     * needs a logarithm and a square root per pair, which made drawing the directions a fifth of a FAST check).
     */
    private static double[] unitUniform(SplittableRandom random, int n) {
        double[] u = new double[n];
        double norm = 0;
        while (norm == 0 && n > 0) {
            for (int i = 0; i < n; i++) {
                u[i] = 2 * random.nextDouble() - 1;
                norm += u[i] * u[i];
            }
        }
        double scale = 1 / Math.sqrt(norm);
        for (int i = 0; i < n; i++) {
            u[i] *= scale;
        }
        return u;
    }

    /** {@code work} on the pool, or on demand without one; skipped (null) once the check is abandoned. */
    static <T> Supplier<T> start(ForkJoinPool pool, AtomicBoolean abandoned, Supplier<T> work) {
        Callable<T> task = () -> abandoned.get() ? null : work.get();
        if (pool == null) {
            return new Once<>(work);
        }
        Future<T> future = pool.submit(task);
        return () -> Scheduling.await(future);
    }

    /** A value computed at most once, by the first thread that asks; a failure is rethrown to every asker. */
    private static final class Once<T> implements Supplier<T> {
        private final Supplier<T> work;
        private boolean done;
        private T value;
        private RuntimeException failure;

        Once(Supplier<T> work) {
            this.work = work;
        }

        @Override
        public synchronized T get() {
            if (!done) {
                try {
                    value = work.get();
                } catch (RuntimeException e) {
                    failure = e;
                }
                done = true;
            }
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }
}
