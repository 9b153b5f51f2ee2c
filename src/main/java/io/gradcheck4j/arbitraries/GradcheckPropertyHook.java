package io.gradcheck4j.arbitraries;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.FalsifiedSample;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * A jqwik hook for gradient properties (apply it with {@link GradientProperties} or
 * {@code @AddLifecycleHook(GradcheckPropertyHook.class)}):
 * <ul>
 *   <li>when a property fails, its message (also printed to stderr) starts with the seed to rerun it and
 *       holds every {@link NetworkCase} of the shrunk counterexample as a ready-to-save fixture JSON;</li>
 *   <li>{@code -Dgradcheck4j.tries=N} overrides the tries of every property (a soak run), and
 *       {@code -Dgradcheck4j.seed=S} the seed ({@code random} for a fresh one).</li>
 * </ul>
 */
public final class GradcheckPropertyHook implements AroundPropertyHook {
    /** System property overriding the number of tries. */
    public static final String TRIES = "gradcheck4j.tries";
    /** System property overriding the seed; {@code random} draws a new one. */
    public static final String SEED = "gradcheck4j.seed";

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        String tries = System.getProperty(TRIES);
        if (tries != null && !tries.isBlank()) {
            context.attributes().setTries(Integer.parseInt(tries.trim()));
        }
        String seed = System.getProperty(SEED);
        if (seed != null && !seed.isBlank()) {
            context.attributes().setSeed(seed.trim().equals("random") ? "" : seed.trim());
        }
        PropertyExecutionResult result = property.execute();
        if (result.status() != PropertyExecutionResult.Status.FAILED) {
            return result;
        }
        String message = failureMessage(context.extendedLabel(), result);
        System.err.println(message);
        return result.mapToFailed(new AssertionError(message, result.throwable().orElse(null)));
    }

    static String failureMessage(String property, PropertyExecutionResult result) {
        String seed = result.seed().orElse("unknown");
        StringBuilder sb = new StringBuilder("property ").append(property).append(" failed with seed ").append(seed)
                .append(" (rerun with @Property(seed = \"").append(seed).append("\") or -D").append(SEED).append('=').append(seed).append(")\n");
        List<Object> parameters = result.shrunkSample().map(FalsifiedSample::parameters)
                .or(() -> result.originalSample().map(FalsifiedSample::parameters)).orElse(List.of());
        List<NetworkCase> cases = new ArrayList<>();
        for (Object p : parameters) {
            if (p instanceof NetworkCase c) {
                cases.add(c);
            }
        }
        for (int i = 0; i < cases.size(); i++) {
            String name = "regression-" + fixtureSlug(property) + (cases.size() > 1 ? "-" + i : "");
            sb.append("shrunk counterexample ").append(cases.get(i)).append(", as a fixture (save as fixtures/")
                    .append(name).append(".json):\n")
                    .append(RegressionFixture.json(cases.get(i), name, "shrunk counterexample of property " + property + ", seed " + seed))
                    .append('\n');
        }
        result.throwable().ifPresent(t -> sb.append("cause: ").append(withoutFixture(String.valueOf(t.getMessage()), !cases.isEmpty())));
        return sb.toString();
    }

    /** The cause's message, without the fixture {@link GradientAssertions} appends when one is printed above. */
    private static String withoutFixture(String message, boolean fixturePrinted) {
        int at = message.indexOf(GradientAssertions.FIXTURE_HEADER);
        return fixturePrinted && at >= 0 ? message.substring(0, at).stripTrailing() : message;
    }

    private static String fixtureSlug(String label) {
        String slug = label.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase().replaceAll("[^a-z0-9]+", "-");
        return slug.replaceAll("^-+|-+$", "");
    }
}
