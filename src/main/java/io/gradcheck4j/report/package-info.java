/**
 * Check results as data ({@link io.gradcheck4j.report.CheckReport}, {@link io.gradcheck4j.report.TensorReport},
 * {@link io.gradcheck4j.report.Mismatch}) and their text and JSON renderings.
 */
package io.gradcheck4j.report;
