package io.gradcheck4j.usercode;

/** A hand-written MLP: Dense -> Tanh -> Dense, with mutable layers; backward leaves the weight gradients in the layers. */
final class Mlp {
    final Dense first;
    final Tanh tanh = new Tanh();
    final Dense second;

    Mlp(Dense first, Dense second) {
        this.first = first;
        this.second = second;
    }

    double[] forward(double[] x) {
        return second.forward(tanh.forward(first.forward(x))).clone();
    }

    double[] backward(double[] dy) {
        return first.backward(tanh.backward(second.backward(dy)));
    }
}
