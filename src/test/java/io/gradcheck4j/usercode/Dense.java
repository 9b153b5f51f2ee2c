package io.gradcheck4j.usercode;

import java.util.SplittableRandom;

/**
 * A hand-written fully connected layer y = W x + b on double[] (W row-major, out x in), written as users write
 * them: it caches x in forward, writes dW and db into its own fields in backward and returns the same output
 * buffer from every forward.
 */
final class Dense {
    final int in;
    final int out;
    final double[] w;
    final double[] b;
    final double[] dw;
    final double[] db;
    private final double[] y;
    private double[] x;

    Dense(int in, int out, long seed) {
        this(in, out, random(in * out, seed), random(out, seed + 1));
    }

    Dense(int in, int out, double[] w, double[] b) {
        this.in = in;
        this.out = out;
        this.w = w;
        this.b = b;
        this.dw = new double[in * out];
        this.db = new double[out];
        this.y = new double[out];
    }

    double[] forward(double[] input) {
        x = input;
        for (int o = 0; o < out; o++) {
            double s = b[o];
            for (int i = 0; i < in; i++) {
                s += w[o * in + i] * input[i];
            }
            y[o] = s;
        }
        return y;
    }

    /** dx = W^T dy; dW = dy x^T and db = dy go to the fields. */
    double[] backward(double[] dy) {
        double[] dx = new double[in];
        for (int o = 0; o < out; o++) {
            db[o] = dy[o];
            for (int i = 0; i < in; i++) {
                dw[o * in + i] = dy[o] * x[i];
                dx[i] += w[o * in + i] * dy[o];
            }
        }
        return dx;
    }

    static double[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble(-1, 1);
        }
        return v;
    }
}
