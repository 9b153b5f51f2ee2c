/**
 * A catalog of realistic wrong backward rules ({@link io.gradcheck4j.mutants.Mutants#catalog()}), each
 * planted into random networks, to measure that a gradient check catches them: a demo of what the
 * checker finds and the yardstick for its detection power.
 */
package io.gradcheck4j.mutants;
