package io.gradcheck4j.arbitraries;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Marks a class (or one property) of gradient properties: failures print the seed and the shrunk
 * {@link NetworkCase} as fixture JSON, and {@code -Dgradcheck4j.tries=N} turns the run into a soak
 * (see {@link GradcheckPropertyHook}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@AddLifecycleHook(GradcheckPropertyHook.class)
public @interface GradientProperties {
}
