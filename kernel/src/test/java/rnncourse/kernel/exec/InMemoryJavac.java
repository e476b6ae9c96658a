package rnncourse.kernel.exec;

import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Compiles Java source to class files in memory and defines them, for tests of the instrumenter. */
final class InMemoryJavac {
    private InMemoryJavac() {
    }

    /** @return the class file of the one top-level class {@code name} in {@code source} */
    static byte[] compile(String name, String source) {
        return compileAll(name, source).get(name);
    }

    /** @return every class file {@code source} compiles to (nested classes, lambdas' hosts), by binary name */
    static Map<String, byte[]> compileAll(String name, String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Map<String, ByteArrayOutputStream> out = new HashMap<>();
        JavaFileObject src = new SimpleJavaFileObject(URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        var files = new ForwardingJavaFileManager<>(javac.getStandardFileManager(null, null, null)) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return out.computeIfAbsent(className, k -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        if (!javac.getTask(null, files, null, List.of(), null, List.of(src)).call()) {
            throw new IllegalStateException("does not compile: " + source);
        }
        Map<String, byte[]> classes = new HashMap<>();
        out.forEach((k, v) -> classes.put(k, v.toByteArray()));
        return classes;
    }

    /** Defines classes from bytes (found by name when first needed), else asks the application loader. */
    static final class ByteLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        ByteLoader() {
            this(Map.of());
        }

        ByteLoader(Map<String, byte[]> classes) {
            super(InMemoryJavac.class.getClassLoader());
            this.classes = classes;
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return define(name, bytes);
        }
    }
}
