package io.gradcheck4j.arbitraries;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.PropagationMode;

/**
 * Marks a class (or one property) of gradient properties: failures print the seed and the shrunk
 * {@link NetworkCase} as fixture JSON, and {@code -Dgradcheck4j.tries=N} turns the run into a soak
 * (see {@link GradcheckPropertyHook}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@AddLifecycleHook(value = GradcheckPropertyHook.class, propagateTo = PropagationMode.ALL_DESCENDANTS)
public @interface GradientProperties {
}
