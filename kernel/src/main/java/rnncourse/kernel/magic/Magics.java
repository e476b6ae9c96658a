package rnncourse.kernel.magic;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The known magics by name. */
public final class Magics {
    private final Map<String, Magic> byName = new TreeMap<>();

    /** @param magic added under its {@link Magic#name()} */
    public void register(Magic magic) {
        byName.put(magic.name(), magic);
    }

    /** @return the magic called {@code name}, if any */
    public Optional<Magic> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** @return the names of all magics, sorted */
    public java.util.Set<String> names() {
        return byName.keySet();
    }

    /** @return "%name  summary" lines for every magic */
    public String listing() {
        StringBuilder sb = new StringBuilder();
        byName.values().forEach(m -> sb.append("  %").append(m.name()).append("  ").append(m.summary()).append('\n'));
        return sb.toString();
    }
}
