/**
 * Finite-difference gradient checking: {@link io.gradcheck4j.check.GradientChecker} compares the analytic
 * gradient of a {@link io.gradcheck4j.check.Differentiable} with central differences under a
 * {@link io.gradcheck4j.check.Tolerance}.
 */
package io.gradcheck4j.check;
