package rnncourse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import rnncourse.tensor.Tensor;

/**
 * The library's layering, read from the compiled classes: every package says in its
 * {@code package-info.java} which of the library's packages it may import (a paragraph starting
 * "May import from the library:"), and no class uses a class of a package its own does not name.
 *
 * <p>What a class uses is read from its class file, not its source: the classes its constant pool
 * names and the types in its descriptors and generic signatures. So a fully qualified name in code
 * counts, a name in a Javadoc comment does not, and nothing depends on how imports are written.
 */
class PackageLayeringTest {
    private static final Pattern RULE = Pattern.compile("May import from the library:(.*?)(?:<p>|\\*/)",
            Pattern.DOTALL);
    private static final Pattern PACKAGE_NAME = Pattern.compile("rnncourse(?:\\.[a-z]+)*");
    /** A library class name as it stands in a class file: a name, or inside a descriptor or signature. */
    private static final Pattern CLASS_REF = Pattern.compile("(rnncourse(?:/[a-z]+)*)/[A-Za-z0-9_$]+");

    @Test
    void everyPackageDocumentsItsRuleAndKeepsIt() throws IOException, URISyntaxException {
        Map<String, Set<String>> uses = packageUses(classesDirectory());
        Map<String, Set<String>> allowed = rules(Path.of(System.getProperty("basedir", ".")).resolve("src/main/java"));
        Set<String> undocumented = new TreeSet<>(uses.keySet());
        undocumented.removeAll(allowed.keySet());
        assertEquals(Set.of(), undocumented, "packages without a package-info.java that says what they may import");
        List<String> broken = violations(uses, allowed);
        assertEquals(List.of(), broken, "imports that break the packages' rules (package-info.java)");
        assertEquals(List.of(), cycle(allowed), "the rules themselves must not allow a cycle");
    }

    /** The rule check itself catches a class that imports upwards (a planted use, not a real class). */
    @Test
    void aTensorClassThatUsesNnBreaksTheRule() {
        Map<String, Set<String>> allowed = Map.of("rnncourse.tensor", Set.of("rnncourse.tensor.gemm"),
                "rnncourse.nn", Set.of("rnncourse.tensor"));
        Map<String, Set<String>> uses = Map.of("rnncourse.tensor", Set.of("rnncourse.tensor.gemm", "rnncourse.nn"),
                "rnncourse.nn", Set.of("rnncourse.tensor"));
        assertEquals(List.of("rnncourse.tensor uses rnncourse.nn (it may import only [rnncourse.tensor.gemm])"),
                violations(uses, allowed));
        assertEquals(List.of("rnncourse.nn", "rnncourse.tensor", "rnncourse.nn"),
                cycle(Map.of("rnncourse.tensor", Set.of("rnncourse.nn"), "rnncourse.nn", Set.of("rnncourse.tensor"))));
    }

    private static Path classesDirectory() throws URISyntaxException {
        Path dir = Path.of(Tensor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(dir.resolve("rnncourse")), "expected the library's classes in " + dir);
        return dir;
    }

    /** Each package's rule from its package-info.java: the packages named in its "May import" paragraph. */
    private static Map<String, Set<String>> rules(Path sources) throws IOException {
        Map<String, Set<String>> rules = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path info : files.filter(p -> p.getFileName().toString().equals("package-info.java")).toList()) {
                String pkg = sources.relativize(info.getParent()).toString().replace('/', '.').replace('\\', '.');
                Matcher m = RULE.matcher(Files.readString(info));
                assertTrue(m.find(), info + " must say what the package may import (\"May import from the library: ...\")");
                Set<String> names = new TreeSet<>();
                Matcher n = PACKAGE_NAME.matcher(m.group(1));
                while (n.find()) {
                    names.add(n.group());
                }
                rules.put(pkg, names);
            }
        }
        return rules;
    }

    /** For each package of the library, the other library packages its classes use. */
    private static Map<String, Set<String>> packageUses(Path classes) throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String pkg = classes.relativize(file.getParent()).toString().replace('/', '.').replace('\\', '.');
                Set<String> used = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
                for (String name : referencedNames(file)) {
                    Matcher m = CLASS_REF.matcher(name);
                    while (m.find()) {
                        String other = m.group(1).replace('/', '.');
                        if (!other.equals(pkg)) {
                            used.add(other);
                        }
                    }
                }
            }
        }
        return uses;
    }

    static List<String> violations(Map<String, Set<String>> uses, Map<String, Set<String>> allowed) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : new TreeMap<>(uses).entrySet()) {
            Set<String> may = allowed.getOrDefault(e.getKey(), Set.of());
            for (String used : new TreeSet<>(e.getValue())) {
                if (!may.contains(used)) {
                    out.add(e.getKey() + " uses " + used + " (it may import only " + new TreeSet<>(may) + ")");
                }
            }
        }
        return out;
    }

    /** A cycle among the allowed imports as the packages along it (first = last), or empty. */
    static List<String> cycle(Map<String, Set<String>> allowed) {
        Set<String> done = new HashSet<>();
        for (String start : new TreeSet<>(allowed.keySet())) {
            List<String> path = new ArrayList<>();
            if (cycleFrom(start, allowed, path, done)) {
                return path.subList(path.indexOf(path.get(path.size() - 1)), path.size());
            }
        }
        return List.of();
    }

    private static boolean cycleFrom(String pkg, Map<String, Set<String>> allowed, List<String> path, Set<String> done) {
        if (path.contains(pkg)) {
            path.add(pkg);
            return true;
        }
        if (done.contains(pkg)) {
            return false;
        }
        path.add(pkg);
        for (String next : new TreeSet<>(allowed.getOrDefault(pkg, Set.of()))) {
            if (cycleFrom(next, allowed, path, done)) {
                return true;
            }
        }
        path.remove(path.size() - 1);
        done.add(pkg);
        return false;
    }

    /**
     * The strings of a class file that name types: the constant pool's class names, the descriptors
     * of its name-and-type and method-type entries, and the descriptors and signatures of the class's
     * own fields and methods (JVMS §4.1–4.7).
     */
    private static List<String> referencedNames(Path classFile) throws IOException {
        try (InputStream raw = Files.newInputStream(classFile); DataInputStream in = new DataInputStream(raw)) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException(classFile + " is not a class file");
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            List<Integer> typeIndices = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7, 16 -> typeIndices.add(in.readUnsignedShort());
                    case 8, 19, 20 -> in.readUnsignedShort();
                    case 12 -> {
                        in.readUnsignedShort();
                        typeIndices.add(in.readUnsignedShort());
                    }
                    case 3, 4, 9, 10, 11, 17, 18 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++;
                    }
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    default -> throw new IOException(classFile + ": unknown constant pool tag " + tag);
                }
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            in.readUnsignedShort();
            in.skipNBytes(2L * in.readUnsignedShort());
            for (int member = 0; member < 2; member++) {
                int members = in.readUnsignedShort();
                for (int j = 0; j < members; j++) {
                    in.readUnsignedShort();
                    in.readUnsignedShort();
                    typeIndices.add(in.readUnsignedShort());
                    typeIndices.addAll(signatures(in, utf8));
                }
            }
            typeIndices.addAll(signatures(in, utf8));
            List<String> names = new ArrayList<>();
            for (int index : typeIndices) {
                names.add(utf8[index]);
            }
            return names;
        } catch (IOException | RuntimeException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(classFile.toString())) {
                throw e;
            }
            throw new IOException(classFile + ": cannot read its constant pool: " + e, e);
        }
    }

    /** Reads an attribute table, returning the Utf8 indices of its Signature attributes (the rest is skipped). */
    private static List<Integer> signatures(DataInputStream in, String[] utf8) throws IOException {
        int attributes = in.readUnsignedShort();
        List<Integer> out = new ArrayList<>();
        for (int a = 0; a < attributes; a++) {
            String name = utf8[in.readUnsignedShort()];
            int length = in.readInt();
            if ("Signature".equals(name)) {
                out.add(in.readUnsignedShort());
            } else {
                in.skipNBytes(length);
            }
        }
        return out;
    }
}
