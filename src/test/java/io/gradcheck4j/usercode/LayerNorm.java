package io.gradcheck4j.usercode;

/**
 * A hand-written layer norm of one vector: y = gamma * xhat + beta, xhat = (x - mean) / sqrt(var + eps),
 * caching xhat and 1/sigma. Backward with g = dy * gamma:
 * dx = (1/sigma) (g - mean(g) - xhat mean(g xhat)), dgamma = dy xhat, dbeta = dy.
 * {@code forgetsGamma} is the classic bug: dx computed from dy instead of g (right only at gamma = 1).
 */
final class LayerNorm {
    static final double EPS = 1e-5;
    final double[] gamma;
    final double[] beta;
    final double[] dgamma;
    final double[] dbeta;
    private final boolean forgetsGamma;
    private double[] xhat;
    private double invSigma;

    LayerNorm(double[] gamma, double[] beta, boolean forgetsGamma) {
        this.gamma = gamma;
        this.beta = beta;
        this.dgamma = new double[gamma.length];
        this.dbeta = new double[gamma.length];
        this.forgetsGamma = forgetsGamma;
    }

    double[] forward(double[] x) {
        int n = x.length;
        double mean = 0;
        for (double v : x) {
            mean += v / n;
        }
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean) / n;
        }
        invSigma = 1 / Math.sqrt(var + EPS);
        xhat = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            xhat[i] = (x[i] - mean) * invSigma;
            y[i] = gamma[i] * xhat[i] + beta[i];
        }
        return y;
    }

    double[] backward(double[] dy) {
        int n = dy.length;
        double[] g = new double[n];
        double meanG = 0;
        double meanGx = 0;
        for (int i = 0; i < n; i++) {
            g[i] = forgetsGamma ? dy[i] : dy[i] * gamma[i];
            meanG += g[i] / n;
            meanGx += g[i] * xhat[i] / n;
            dgamma[i] = dy[i] * xhat[i];
            dbeta[i] = dy[i];
        }
        double[] dx = new double[n];
        for (int i = 0; i < n; i++) {
            dx[i] = invSigma * (g[i] - meanG - xhat[i] * meanGx);
        }
        return dx;
    }
}
