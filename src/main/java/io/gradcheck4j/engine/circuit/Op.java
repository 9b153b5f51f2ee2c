package io.gradcheck4j.engine.circuit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The gates of a scalar {@link Circuit}. Each gate v = op(a<sub>1</sub>, ..., a<sub>k</sub>) owns its value
 * rule and its local derivatives &part;v/&part;a<sub>i</sub>; backprop multiplies them by the upstream gradient
 * g = &part;out/&part;v (seed 000: gate gradient = local gradient &times; upstream gradient).
 */
public enum Op {
    /** v = a<sub>1</sub> + ... + a<sub>k</sub> (k &ge; 2); &part;v/&part;a<sub>i</sub> = 1. */
    ADD(2, Integer.MAX_VALUE) {
        @Override
        double value(double[] a) {
            double sum = 0;
            for (double x : a) {
                sum += x;
            }
            return sum;
        }

        @Override
        double[] partials(double[] a, double v) {
            double[] d = new double[a.length];
            Arrays.fill(d, 1.0);
            return d;
        }
    },
    /** v = a - b; &part;v/&part;a = 1, &part;v/&part;b = -1. */
    SUB(2, 2) {
        @Override
        double value(double[] a) {
            return a[0] - a[1];
        }

        @Override
        double[] partials(double[] a, double v) {
            return new double[] {1.0, -1.0};
        }
    },
    /** v = a<sub>1</sub> &middot; ... &middot; a<sub>k</sub> (k &ge; 2); &part;v/&part;a<sub>i</sub> = &Pi;<sub>j&ne;i</sub> a<sub>j</sub>. */
    MUL(2, Integer.MAX_VALUE) {
        @Override
        double value(double[] a) {
            double product = 1;
            for (double x : a) {
                product *= x;
            }
            return product;
        }

        @Override
        double[] partials(double[] a, double v) {
            double[] d = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                double others = 1;
                for (int j = 0; j < a.length; j++) {
                    if (j != i) {
                        others *= a[j];
                    }
                }
                d[i] = others;
            }
            return d;
        }
    },
    /** v = a / b; &part;v/&part;a = 1/b, &part;v/&part;b = -a/b<sup>2</sup>. */
    DIV(2, 2) {
        @Override
        double value(double[] a) {
            return a[0] / a[1];
        }

        @Override
        double[] partials(double[] a, double v) {
            return new double[] {1.0 / a[1], -a[0] / (a[1] * a[1])};
        }
    },
    /** v = -a; &part;v/&part;a = -1. */
    NEG(1, 1) {
        @Override
        double value(double[] a) {
            return -a[0];
        }

        @Override
        double[] partials(double[] a, double v) {
            return new double[] {-1.0};
        }
    },
    /** v = a<sup>2</sup>; &part;v/&part;a = 2a. */
    SQUARE(1, 1) {
        @Override
        double value(double[] a) {
            return a[0] * a[0];
        }

        @Override
        double[] partials(double[] a, double v) {
            return new double[] {2.0 * a[0]};
        }
    },
    /** v = e<sup>a</sup>; &part;v/&part;a = e<sup>a</sup> = v. */
    EXP(1, 1) {
        @Override
        double value(double[] a) {
            return Math.exp(a[0]);
        }

        @Override
        double[] partials(double[] a, double v) {
            return new double[] {v};
        }
    },
    /** v = ln a (a &gt; 0); &part;v/&part;a = 1/a. */
    LOG(1, 1) {
        @Override
        double value(double[] a) {
            return Math.log(a[0]);
        }

        @Override
        double[] partials(double[] a, double v) {
            return new double[] {1.0 / a[0]};
        }
    },
    /** v = 1 / (1 + e<sup>-a</sup>); &part;v/&part;a = v (1 - v). */
    SIGMOID(1, 1) {
        @Override
        double value(double[] a) {
            return 1.0 / (1.0 + Math.exp(-a[0]));
        }

        @Override
        double[] partials(double[] a, double v) {
            return new double[] {v * (1.0 - v)};
        }
    },
    /** v = tanh a; &part;v/&part;a = 1 - v<sup>2</sup>. */
    TANH(1, 1) {
        @Override
        double value(double[] a) {
            return Math.tanh(a[0]);
        }

        @Override
        double[] partials(double[] a, double v) {
            return new double[] {1.0 - v * v};
        }
    },
    /** v = max(a, 0); &part;v/&part;a = 1 where a &gt; 0, else 0 (kink at 0). */
    RELU(1, 1) {
        @Override
        double value(double[] a) {
            return a[0] > 0 ? a[0] : 0.0;
        }

        @Override
        double[] partials(double[] a, double v) {
            return new double[] {a[0] > 0 ? 1.0 : 0.0};
        }
    },
    /**
     * v = a<sup>p</sup> with p a numeric constant; &part;v/&part;a = p a<sup>p-1</sup> (the constant gets no
     * gradient).
     */
    POW(2, 2) {
        @Override
        double value(double[] a) {
            return Math.pow(a[0], a[1]);
        }

        @Override
        double[] partials(double[] a, double v) {
            return new double[] {a[1] * Math.pow(a[0], a[1] - 1.0), 0.0};
        }
    };

    private final int minArgs;
    private final int maxArgs;

    Op(int minArgs, int maxArgs) {
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
    }

    /** v = op(a). */
    abstract double value(double[] args);

    /** The local derivatives &part;v/&part;a<sub>i</sub> at a, given v = op(a). */
    abstract double[] partials(double[] args, double value);

    /** The fixture name, e.g. {@code "add"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the gate takes {@code count} arguments. */
    public boolean acceptsArgCount(int count) {
        return count >= minArgs && count <= maxArgs;
    }

    /** The arity in words, e.g. {@code "2 or more arguments"}. */
    public String arity() {
        if (maxArgs == Integer.MAX_VALUE) {
            return minArgs + " or more arguments";
        }
        return minArgs == 1 ? "1 argument" : minArgs + " arguments";
    }

    /** Whether argument {@code position} must be a numeric constant (the exponent of {@link #POW}). */
    public boolean requiresConstant(int position) {
        return this == POW && position == 1;
    }

    /** The op with fixture name {@code label}, if any. */
    public static Optional<Op> find(String label) {
        for (Op op : values()) {
            if (op.label().equals(label)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
