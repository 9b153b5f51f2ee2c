/**
 * jqwik arbitraries for gradient checks, shipped for users' own properties: {@link
 * io.gradcheck4j.arbitraries.Networks#mlps()} (random networks with an input and a loss, shrinking to small
 * cases), {@link io.gradcheck4j.arbitraries.Tensors}, the {@code @ForAll NetworkCase / Network / Tensor}
 * provider, {@link io.gradcheck4j.arbitraries.GradientAssertions} and the {@link
 * io.gradcheck4j.arbitraries.GradientProperties} hook that prints a failing case as a fixture.
 */
package io.gradcheck4j.arbitraries;
