/** JUnit 5 support shipped for users' tests: the abstract {@link io.gradcheck4j.junit.LayerContract}. */
package io.gradcheck4j.junit;
