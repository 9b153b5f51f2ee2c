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
import java.util.ServiceConfigurationError;
import java.util.jar.JarFile;

/**
 * Where the {@code layers} and {@code layer} commands find layer types: the registry of this library's
 * class path, or of a user's jar (its {@code META-INF/services} registrations, or a class named on the
 * command line: a {@link LayerTypeProvider}, a {@link LayerType}, or a bare {@link Layer} with a public
 * no-arg constructor checked on inputs of a given shape).
 */
final class LayerSource {
    private final ClassLoader loader;
    private final LayerTypes types;

    private LayerSource(ClassLoader loader, String origin) {
        this.loader = loader;
        try {
            this.types = LayerTypes.load(loader);
        } catch (IllegalStateException | ServiceConfigurationError e) {
            close();
            throw new BadInput("cannot load the layer types " + origin + " registers: " + causes(e));
        } catch (LinkageError e) {
            close();
            throw new BadInput("cannot load the layer types " + origin + " registers: " + linkage(e));
        }
    }

    /** The built-in registry, or the one of {@code jar} (null for none) on top of it. */
    static LayerSource open(Path jar) {
        if (jar == null) {
            return new LayerSource(LayerSource.class.getClassLoader(), "the class path");
        }
        if (!Files.isRegularFile(jar)) {
            throw new BadInput("--jar " + jar + ": no jar file at " + jar.toAbsolutePath());
        }
        try (JarFile opened = new JarFile(jar.toFile())) {
            opened.size();
        } catch (IOException e) {
            throw new BadInput("--jar " + jar + ": not a readable jar (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
        try {
            URL url = jar.toUri().toURL();
            return new LayerSource(new URLClassLoader(new URL[] {url}, LayerSource.class.getClassLoader()), jar.toString());
        } catch (MalformedURLException e) {
            throw new BadInput("--jar " + jar + ": cannot open it: " + e.getMessage());
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
            return List.of(withoutShape(types.find(target).get(), inputShape, "the registered layer type " + target));
        }
        Class<?> cls;
        try {
            cls = Class.forName(target, true, loader);
        } catch (ClassNotFoundException e) {
            throw new BadInput("'" + target + "' is neither a registered layer type (" + String.join(", ", types.names())
                    + ") nor a class on the class path" + (loader instanceof URLClassLoader ? " or in the jar" : ""));
        } catch (LinkageError e) {
            throw new BadInput("class " + target + " cannot be loaded: " + linkage(e));
        }
        if (LayerTypeProvider.class.isAssignableFrom(cls)) {
            return new ArrayList<>(withoutShape(((LayerTypeProvider) instantiate(cls)).layerTypes(), inputShape, "the provider " + target));
        }
        if (LayerType.class.isAssignableFrom(cls)) {
            return List.of(withoutShape((LayerType) instantiate(cls), inputShape, "the layer type " + target));
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

    /** Why a class could not be loaded: its static initializer threw, a class it needs is missing, ... */
    private static String linkage(LinkageError e) {
        if (e instanceof ExceptionInInitializerError init && init.getCause() != null) {
            return "its static initializer threw " + init.getCause();
        }
        if (e instanceof NoClassDefFoundError && String.valueOf(e.getMessage()).startsWith("Could not initialize class")) {
            return "its static initializer threw earlier in this JVM (" + e.getMessage() + ")";
        }
        if (e instanceof NoClassDefFoundError) {
            return "a class it needs is missing (" + e.getMessage() + ")";
        }
        return e.toString();
    }

    /** The messages of {@code e} and its causes, e.g. {@code Provider com.acme.X could not be instantiated: threw ...}. */
    private static String causes(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            sb.append(": ").append(c instanceof ExceptionInInitializerError i && i.getCause() != null
                    ? "its static initializer threw " + i.getCause() : c.toString());
            if (c instanceof ExceptionInInitializerError) {
                break;
            }
        }
        return sb.toString();
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

    /**
     * {@code checked} itself, unless an input shape was given: a layer type draws its own samples, so a shape
     * would be silently ignored (and a check of it reported as passed).
     */
    private static <T> T withoutShape(T checked, int[] inputShape, String what) {
        if (inputShape != null) {
            throw new BadInput("--input-shape applies to a Layer class only; " + what + " draws its own samples");
        }
        return checked;
    }
}
