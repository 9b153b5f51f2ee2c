/**
 * Finite-difference gradient checking. {@link io.gradcheck4j.check.GradientChecker} compares the analytic
 * gradient of a {@link io.gradcheck4j.check.Differentiable} with central differences and their Richardson extrapolation
 * ({@link io.gradcheck4j.check.NumericDerivative}, with an error estimate) under a
 * {@link io.gradcheck4j.check.Tolerance} (error-aware by default; PyTorch's atol/rtol and DL4J's relative
 * error are selectable), in FULL, SAMPLED or FAST ({@link io.gradcheck4j.check.Mode}) mode. Stencils that
 * straddle a kink are NON_DIFFERENTIABLE rather than failures; {@link io.gradcheck4j.check.Diagnostics}
 * detects mutated inputs, nondeterminism, non-re-entrant backward passes, misshaped or missing gradients,
 * NaN and float-precision traps; {@link io.gradcheck4j.check.Sweep} shows the error of one entry as the step
 * shrinks.
 */
package io.gradcheck4j.check;
