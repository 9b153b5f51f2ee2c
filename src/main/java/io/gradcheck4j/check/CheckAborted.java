package io.gradcheck4j.check;

/**
 * A check that could not be carried out (as opposed to one that found wrong gradients): the function or
 * its backward pass threw or returned something malformed. The message names the tensor and entry.
 * The caller's tensors are unchanged.
 */
public final class CheckAborted extends RuntimeException {

    /** An aborted check with its reason. */
    public CheckAborted(String message, Throwable cause) {
        super(message, cause);
    }
}
