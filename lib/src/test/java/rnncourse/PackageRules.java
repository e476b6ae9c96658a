package rnncourse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
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

/**
 * A module's package layering, read from its compiled classes: every package says in its
 * {@code package-info.java} which {@code rnncourse} packages it may import (a paragraph that starts
 * with a fixed phrase), and no class uses a class of a package its own does not name. The library's
 * {@code PackageLayeringTest} and the kernel's use it (the kernel through this module's test jar).
 *
 * <p>What a class uses is read from its class file, not its source: the classes its constant pool
 * names and the types in its descriptors and generic signatures. So a fully qualified name in code
 * counts, a name in a Javadoc comment does not, and nothing depends on how imports are written.
 */
public final class PackageRules {
    private static final Pattern PACKAGE_NAME = Pattern.compile("rnncourse(?:\\.[a-z]+)*");
    /** A class name as it stands in a class file: a name, or inside a descriptor or signature. */
    private static final Pattern CLASS_REF = Pattern.compile("(rnncourse(?:/[a-z]+)*)/[A-Za-z0-9_$]+");

    private PackageRules() {
    }

    /**
     * Fails, naming every offence, unless each package compiled into {@code classes} has a rule in
     * its package-info.java under {@code sources}, keeps it, and the rules allow no cycle.
     *
     * @param classes a directory of compiled classes
     * @param sources the matching source root
     * @param phrase  the words that open each rule's paragraph
     * @throws IOException if a file cannot be read
     */
    public static void assertLayered(Path classes, Path sources, String phrase) throws IOException {
        Map<String, Set<String>> uses = packageUses(classes);
        Map<String, Set<String>> allowed = rules(sources, phrase);
        Set<String> undocumented = new TreeSet<>(uses.keySet());
        undocumented.removeAll(allowed.keySet());
        assertEquals(Set.of(), undocumented, "packages without a package-info.java that says what they may import");
        assertEquals(List.of(), violations(uses, allowed), "imports that break the packages' rules (package-info.java)");
        assertEquals(List.of(), cycle(allowed), "the rules themselves must not allow a cycle");
    }

    /**
     * Each package's rule from its package-info.java: the packages named in the paragraph that
     * starts with {@code phrase} (e.g. "May import from the library:").
     *
     * @param sources a source root
     * @param phrase  the words that open the rule's paragraph
     * @return package name to the packages it may import
     * @throws IOException if a file cannot be read
     */
    public static Map<String, Set<String>> rules(Path sources, String phrase) throws IOException {
        Pattern rule = Pattern.compile(Pattern.quote(phrase) + "(.*?)(?:<p>|\\*/)", Pattern.DOTALL);
        Map<String, Set<String>> rules = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path info : files.filter(p -> p.getFileName().toString().equals("package-info.java")).toList()) {
                String pkg = sources.relativize(info.getParent()).toString().replace('/', '.').replace('\\', '.');
                Matcher m = rule.matcher(Files.readString(info));
                if (!m.find()) {
                    throw new AssertionError(info + " must say what the package may import (\"" + phrase + " ...\")");
                }
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

    /**
     * For each package compiled into {@code classes}, the other {@code rnncourse} packages its classes use.
     *
     * @param classes a directory of compiled classes
     * @return package name to the packages it uses
     * @throws IOException if a class file cannot be read
     */
    public static Map<String, Set<String>> packageUses(Path classes) throws IOException {
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

    /**
     * The uses no rule allows, one line each.
     *
     * @param uses    what each package uses
     * @param allowed what each package may import
     * @return "a uses b (it may import only [...])" lines, in order
     */
    public static List<String> violations(Map<String, Set<String>> uses, Map<String, Set<String>> allowed) {
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

    /**
     * A cycle among the allowed imports as the packages along it (first = last), or empty.
     *
     * @param allowed what each package may import
     * @return the cycle, or an empty list
     */
    public static List<String> cycle(Map<String, Set<String>> allowed) {
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
