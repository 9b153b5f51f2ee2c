package io.gradcheck4j.usercode;

/**
 * A hand-written valid 1-D convolution (cross-correlation) y[t] = b + sum_j k[j] x[t + j], t = 0..n-K:
 * dk[j] = sum_t dy[t] x[t + j], db = sum_t dy[t], dx[t + j] += k[j] dy[t]. Caches x.
 */
final class Conv1D {
    final double[] k;
    final double[] b;
    final double[] dk;
    final double[] db = new double[1];
    private double[] x;

    Conv1D(double[] kernel, double bias) {
        this.k = kernel;
        this.b = new double[] {bias};
        this.dk = new double[kernel.length];
    }

    double[] forward(double[] input) {
        x = input;
        double[] y = new double[input.length - k.length + 1];
        for (int t = 0; t < y.length; t++) {
            y[t] = b[0];
            for (int j = 0; j < k.length; j++) {
                y[t] += k[j] * input[t + j];
            }
        }
        return y;
    }

    double[] backward(double[] dy) {
        double[] dx = new double[x.length];
        java.util.Arrays.fill(dk, 0);
        db[0] = 0;
        for (int t = 0; t < dy.length; t++) {
            db[0] += dy[t];
            for (int j = 0; j < k.length; j++) {
                dk[j] += dy[t] * x[t + j];
                dx[t + j] += k[j] * dy[t];
            }
        }
        return dx;
    }
}
