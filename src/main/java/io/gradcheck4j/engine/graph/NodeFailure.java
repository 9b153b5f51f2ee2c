package io.gradcheck4j.engine.graph;

/**
 * Thrown when a graph node's forward or backward throws or returns something malformed; the message names
 * the node, its op type and the pass.
 */
public final class NodeFailure extends RuntimeException {
    private final String node;

    /** A failure of node {@code node} whose op has type {@code type}. */
    public NodeFailure(String node, String type, String message, Throwable cause) {
        super("node " + node + " (" + type + "): " + message, cause);
        this.node = node;
    }

    /** The failing node's name. */
    public String node() {
        return node;
    }
}
