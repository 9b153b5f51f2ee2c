package io.gradcheck4j.usercode;

/** A hand-written softmax + cross-entropy: L = -log softmax(z)[target], dL/dz = softmax(z) - onehot(target). Caches p. */
final class SoftmaxCrossEntropy {
    private final int target;
    private double[] p;

    SoftmaxCrossEntropy(int target) {
        this.target = target;
    }

    double loss(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return -Math.log(p[target]);
    }

    double[] backward() {
        double[] dz = p.clone();
        dz[target] -= 1;
        return dz;
    }
}
