package io.gradcheck4j.engine;

/**
 * A layer that declares itself pure: {@link #forward} and {@link #backward} read only their arguments and
 * the layer's immutable parameters, so they are re-entrant and thread-safe. The checker evaluates a network
 * on several threads at once only when every layer declares this (see
 * {@code io.gradcheck4j.check.Differentiable#threadSafe}); an undeclared layer (one that keeps a cache in a
 * field, say, even one shared between instances) is evaluated on one thread. Every layer of gradcheck4j is
 * pure. A marker: it adds no method.
 */
public interface Pure extends Layer {
}
