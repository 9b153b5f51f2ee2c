/** Immutable dense tensors ({@link io.gradcheck4j.tensor.Tensor}) and the kernels the layers need. */
package io.gradcheck4j.tensor;
