/**
 * The layer contract as plain data: {@link io.gradcheck4j.contract.LayerChecks} runs every check a layer
 * type must pass on its samples (used by the JUnit {@link io.gradcheck4j.junit.LayerContract}, the jqwik
 * properties, the CLI's {@code layer} command and its main job); {@link io.gradcheck4j.contract.LayerClassType}
 * makes a bare layer class checkable.
 */
package io.gradcheck4j.contract;
