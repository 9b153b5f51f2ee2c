package io.gradcheck4j.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck4j.arbitraries.GradientProperties;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Every property of the suite honours the soak settings ({@code -Dgradcheck4j.tries}, {@code -Dgradcheck4j.seed}):
 * its class carries {@link GradientProperties}; and none draws its data from a hand-rolled {@code @ForAll long}
 * seed, which would never shrink.
 */
class SoakSettingsTest {

    @Test
    void everyPropertyClassCarriesTheHookAndNoPropertyTakesASeed() throws IOException, ClassNotFoundException {
        // GIVEN every compiled test class with a @Property method
        Path root = Path.of("target", "test-classes");
        List<String> classes;
        try (Stream<Path> files = Files.walk(root)) {
            classes = files.map(root::relativize).map(Path::toString).filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.').replace('\\', '.')).sorted().toList();
        }
        List<String> withoutHook = new ArrayList<>();
        List<String> seeded = new ArrayList<>();
        int properties = 0;
        for (String name : classes) {
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            for (Method method : type.getDeclaredMethods()) {
                if (!method.isAnnotationPresent(Property.class)) {
                    continue;
                }
                properties++;
                if (!type.isAnnotationPresent(GradientProperties.class) && !method.isAnnotationPresent(GradientProperties.class)) {
                    withoutHook.add(name + "." + method.getName());
                }
                for (java.lang.reflect.Parameter p : method.getParameters()) {
                    if (p.isAnnotationPresent(ForAll.class) && (p.getType() == long.class || p.getType() == Long.class)) {
                        seeded.add(name + "." + method.getName() + "(" + p.getName() + ")");
                    }
                }
            }
        }
        // THEN there are properties, each under the hook, none drawing a long seed
        assertEquals(true, properties > 30, "found " + properties + " properties under " + root.toAbsolutePath());
        assertEquals(List.of(), withoutHook, "properties that ignore -Dgradcheck4j.tries");
        assertEquals(List.of(), seeded, "properties drawing a @ForAll long seed");
    }
}
