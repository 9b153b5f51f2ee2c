package io.gradcheck4j.cli;

import io.gradcheck4j.contract.LayerClassType;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerType;
import io.gradcheck4j.engine.LayerTypeProvider;
import io.gradcheck4j.engine.LayerTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the {@code layers} and {@code layer} commands find layer types: the registry of this library's
 * class path, or of a user's jar (its {@code META-INF/services} registrations, or a class named on the
 * command line: a {@link LayerTypeProvider}, a {@link LayerType}, or a bare {@link Layer} with a public
 * no-arg constructor checked on inputs of a given shape).
 */
final class LayerSource {
    private final ClassLoader loader;
    private final LayerTypes types;

    private LayerSource(ClassLoader loader) {
        this.loader = loader;
        this.types = LayerTypes.load(loader);
    }

    /** The built-in registry, or the one of {@code jar} (null for none) on top of it. */
    static LayerSource open(Path jar) {
        if (jar == null) {
            return new LayerSource(LayerSource.class.getClassLoader());
        }
        if (!Files.isRegularFile(jar)) {
            throw new BadInput("no jar file at " + jar.toAbsolutePath());
        }
        try {
            URL url = jar.toUri().toURL();
            return new LayerSource(new URLClassLoader(new URL[] {url}, LayerSource.class.getClassLoader()));
        } catch (MalformedURLException e) {
            throw new BadInput("cannot open " + jar + ": " + e.getMessage());
        }
    }

    /** The registered types. */
    LayerTypes types() {
        return types;
    }

    /**
     * The types to check for {@code target}: a registered type name, or the fully qualified name of a class
     * (provider: all its types; layer type: itself; layer: checked on {@code inputShape}, required then).
     */
    List<LayerType> resolve(String target, int[] inputShape) {
        if (types.find(target).isPresent()) {
            return List.of(types.find(target).get());
        }
        Class<?> cls;
        try {
            cls = Class.forName(target, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new BadInput("'" + target + "' is neither a registered layer type (" + String.join(", ", types.names())
                    + ") nor a class on the class path" + (loader instanceof URLClassLoader ? " or in the jar" : ""));
        }
        if (LayerTypeProvider.class.isAssignableFrom(cls)) {
            return new ArrayList<>(((LayerTypeProvider) instantiate(cls)).layerTypes());
        }
        if (LayerType.class.isAssignableFrom(cls)) {
            return List.of((LayerType) instantiate(cls));
        }
        if (Layer.class.isAssignableFrom(cls)) {
            if (inputShape == null) {
                throw new BadInput(cls.getName() + " is a Layer without a LayerType: give the input shape to check it on, e.g. --input-shape 2,3");
            }
            Constructor<?> constructor = noArgConstructor(cls);
            return List.of(new LayerClassType(() -> (Layer) construct(constructor), inputShape));
        }
        throw new BadInput(cls.getName() + " is not a Layer, LayerType or LayerTypeProvider");
    }

    private static Object instantiate(Class<?> cls) {
        return construct(noArgConstructor(cls));
    }

    private static Constructor<?> noArgConstructor(Class<?> cls) {
        try {
            return cls.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new BadInput(cls.getName() + " has no public no-arg constructor");
        }
    }

    private static Object construct(Constructor<?> constructor) {
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new BadInput("the constructor of " + constructor.getDeclaringClass().getName() + " threw " + e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new BadInput("cannot construct " + constructor.getDeclaringClass().getName() + ": " + e);
        }
    }

    /** A command-line mistake reported in one line with exit code 2. */
    static final class BadInput extends RuntimeException {
        BadInput(String message) {
            super(message);
        }
    }

    /** Closes the jar's class loader, if any. */
    void close() {
        if (loader instanceof URLClassLoader u) {
            try {
                u.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
