/** Built-in layers, one class per layer owning both its forward and its backward rule. */
package io.gradcheck4j.engine.layers;
