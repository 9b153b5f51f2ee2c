/** Built-in losses L(y, t) with their gradients. */
package io.gradcheck4j.engine.losses;
