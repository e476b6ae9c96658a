package rnncourse.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pickle machine that builds inert data and never calls anything: the reader for the
 * {@code data.pkl} of a PyTorch archive.
 *
 * <p>Python's pickle is a small stack language in which {@code GLOBAL} imports any name and
 * {@code REDUCE} calls it, which is how a pickle runs code. This machine knows only the names a
 * state dict needs, as PyTorch's {@code weights_only=True} unpickler does: {@code collections.OrderedDict},
 * the tensor and parameter rebuild functions of {@code torch._utils}, and the storage classes
 * ({@code torch.FloatStorage}, ...). For those it builds Java records ({@link TensorRef},
 * {@link StorageRef}, {@link PyDict}); it does not execute them either. Every other name becomes a
 * {@link Refused} marker that absorbs whatever the pickle does with it, so that the caller can list
 * everything the file asked for and refuse the file. Only the opcodes of protocol 2 (what
 * {@code torch.save} writes) and the few protocol-4 framing opcodes are accepted.
 */
final class Unpickler {
    /** An allowed global name, e.g. {@code torch._utils._rebuild_tensor_v2}. */
    record Global(String module, String name) {
        String path() {
            return module + "." + name;
        }
    }

    /** What a refused global (and anything built from it) becomes: inert. */
    record Refused(String path) {
    }

    /** A Python tuple. */
    record Tuple(List<Object> items) {
    }

    /** A Python dict or OrderedDict; BUILD on an OrderedDict stores attributes such as {@code _metadata}. */
    static final class PyDict extends LinkedHashMap<Object, Object> {
        private static final long serialVersionUID = 1L;
        final boolean ordered;
        final Map<Object, Object> attributes = new LinkedHashMap<>();

        PyDict(boolean ordered) {
            this.ordered = ordered;
        }
    }

    /** A persistent reference to a storage record of the archive ({@code data/<key>}). */
    record StorageRef(String storageClass, String key, String location, long numel) {
    }

    /** {@code _rebuild_tensor_v2(storage, offset, size, stride, ...)}: a view into a storage. */
    record TensorRef(StorageRef storage, long offset, long[] size, long[] stride) {
    }

    private static final String REBUILD_TENSOR = "torch._utils._rebuild_tensor_v2";
    private static final String REBUILD_PARAMETER = "torch._utils._rebuild_parameter";
    private static final String REBUILD_PARAMETER_WITH_STATE = "torch._utils._rebuild_parameter_with_state";
    private static final String ORDERED_DICT = "collections.OrderedDict";

    private final byte[] code;
    private int pos;
    private final List<Object> stack = new ArrayList<>();
    private final Deque<Integer> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private final Set<String> refused = new LinkedHashSet<>();

    Unpickler(byte[] code) {
        this.code = code;
    }

    /** The names the pickle asked for that are not allowed, in order of appearance (empty if none). */
    Set<String> refused() {
        return refused;
    }

    /**
     * Runs the pickle to its STOP and returns the top of the stack.
     *
     * @throws IllegalArgumentException (message saying what and at which byte) for a malformed or
     *         truncated pickle, an unsupported opcode, or a misuse of an allowed name
     */
    Object load() {
        while (true) {
            int at = pos;
            int op = u8();
            try {
                if (op == '.') {       // STOP
                    return pop();
                }
                step(op);
            } catch (IndexOutOfBoundsException | ClassCastException e) {
                throw new IllegalArgumentException("malformed pickle at byte " + at + " (opcode 0x"
                        + Integer.toHexString(op) + "): " + e.getMessage());
            }
        }
    }

    private void step(int op) {
        switch (op) {
            case 0x80 -> {             // PROTO
                int proto = u8();
                if (proto > 5) {
                    throw new IllegalArgumentException("pickle protocol " + proto + " is newer than any Python writes");
                }
            }
            case 0x95 -> bytes(8);     // FRAME (protocol 4): only a length hint
            case '(' -> marks.push(stack.size());           // MARK
            case '}' -> push(new PyDict(false));            // EMPTY_DICT
            case ']' -> push(new ArrayList<>());            // EMPTY_LIST
            case ')' -> push(new Tuple(List.of()));         // EMPTY_TUPLE
            case 'N' -> push(null);                         // NONE
            case 0x88 -> push(Boolean.TRUE);                // NEWTRUE
            case 0x89 -> push(Boolean.FALSE);               // NEWFALSE
            case 'J' -> push((long) le(4).getInt());        // BININT
            case 'K' -> push((long) u8());                  // BININT1
            case 'M' -> push((long) (le(2).getShort() & 0xffff)); // BININT2
            case 'G' -> push(ByteBuffer.wrap(bytes(8)).getDouble()); // BINFLOAT (big-endian)
            case 0x8a -> push(long1());                     // LONG1
            case 'X' -> push(utf8(length(le(4).getInt() & 0xffffffffL))); // BINUNICODE
            case 0x8c -> push(utf8(length(u8())));          // SHORT_BINUNICODE
            case 'U' -> push(new String(bytes(length(u8())), StandardCharsets.ISO_8859_1)); // SHORT_BINSTRING
            case 'q' -> memo.put((long) u8(), top());       // BINPUT
            case 'r' -> memo.put(le(4).getInt() & 0xffffffffL, top()); // LONG_BINPUT
            case 0x94 -> memo.put((long) memo.size(), top()); // MEMOIZE
            case 'h' -> push(memo(u8()));                   // BINGET
            case 'j' -> push(memo(le(4).getInt() & 0xffffffffL)); // LONG_BINGET
            case 't' -> push(new Tuple(popMark()));         // TUPLE
            case 0x85 -> push(popTuple(1));                // TUPLE1
            case 0x86 -> push(popTuple(2));                // TUPLE2
            case 0x87 -> push(popTuple(3));                // TUPLE3
            case 'a' -> {                                   // APPEND
                Object item = pop();
                list(top()).add(item);
            }
            case 'e' -> {                                   // APPENDS
                List<Object> items = popMark();
                list(top()).addAll(items);
            }
            case 's' -> {                                   // SETITEM
                Object value = pop();
                Object key = pop();
                dict(top()).put(key, value);
            }
            case 'u' -> {                                   // SETITEMS
                List<Object> items = popMark();
                Map<Object, Object> d = dict(top());
                if (items.size() % 2 != 0) {
                    throw new IllegalArgumentException("SETITEMS with an odd number (" + items.size() + ") of keys and values");
                }
                for (int i = 0; i < items.size(); i += 2) {
                    d.put(items.get(i), items.get(i + 1));
                }
            }
            case 'c' -> push(global(line(), line()));        // GLOBAL
            case 0x93 -> {                                   // STACK_GLOBAL (protocol 4)
                Object name = pop();
                Object module = pop();
                push(global(String.valueOf(module), String.valueOf(name)));
            }
            case 'R' -> {                                    // REDUCE
                Object args = pop();
                Object func = pop();
                push(reduce(func, args));
            }
            case 0x81 -> {                                   // NEWOBJ
                Object args = pop();
                Object cls = pop();
                push(cls instanceof Refused r ? r : refuse(describe(cls) + " (instantiated with NEWOBJ)"));
            }
            case 'b' -> {                                    // BUILD
                Object state = pop();
                Object inst = top();
                if (inst instanceof PyDict d && d.ordered && state instanceof PyDict s) {
                    d.attributes.putAll(s);
                } else if (!(inst instanceof Refused)) {
                    throw new IllegalArgumentException("BUILD (setting an object's state) on " + describe(inst)
                            + ": only an OrderedDict's attributes may be set");
                }
            }
            case 'Q' -> push(persistent(pop()));            // BINPERSID
            default -> throw new IllegalArgumentException(String.format(
                    "unsupported pickle opcode 0x%02x ('%c') at byte %d: torch.save writes protocol 2, which does not use it",
                    op, (char) op, pos - 1));
        }
    }

    private Object global(String module, String name) {
        String path = module + "." + name;
        boolean allowed = path.equals(ORDERED_DICT) || path.equals(REBUILD_TENSOR) || path.equals(REBUILD_PARAMETER)
                || path.equals(REBUILD_PARAMETER_WITH_STATE)
                || module.equals("torch") && (ElementType.forStorageClass(name) != null
                        || ElementType.UNSUPPORTED_STORAGES.containsKey(name));
        return allowed ? new Global(module, name) : refuse(path);
    }

    private Refused refuse(String path) {
        refused.add(path);
        return new Refused(path);
    }

    private Object reduce(Object func, Object args) {
        if (func instanceof Refused r) {
            return r;
        }
        if (!(func instanceof Global g)) {
            throw new IllegalArgumentException("REDUCE calls " + describe(func) + ", which is not a function");
        }
        List<Object> a = ((Tuple) args).items();
        switch (g.path()) {
            case ORDERED_DICT -> {
                if (!a.isEmpty()) {
                    throw new IllegalArgumentException("OrderedDict built with arguments " + a);
                }
                return new PyDict(true);
            }
            case REBUILD_TENSOR -> {
                if (a.size() < 6 || a.size() > 7) {
                    throw new IllegalArgumentException(REBUILD_TENSOR + " with " + a.size() + " arguments instead of 6 or 7");
                }
                if (!(a.get(0) instanceof StorageRef storage)) {
                    throw new IllegalArgumentException(REBUILD_TENSOR + " on " + describe(a.get(0)) + " instead of a storage");
                }
                if (a.get(5) instanceof Map<?, ?> hooks && !hooks.isEmpty()) {
                    throw new IllegalArgumentException("a tensor carries backward hooks " + hooks.keySet());
                }
                return new TensorRef(storage, (Long) a.get(1), longs(a.get(2)), longs(a.get(3)));
            }
            case REBUILD_PARAMETER, REBUILD_PARAMETER_WITH_STATE -> {
                if (!(a.get(0) instanceof TensorRef t)) {
                    throw new IllegalArgumentException(g.path() + " on " + describe(a.get(0)) + " instead of a tensor");
                }
                return t;
            }
            default -> throw new IllegalArgumentException("REDUCE calls " + g.path() + ", which builds no object");
        }
    }

    private Object persistent(Object pid) {
        if (pid instanceof Tuple t && t.items().size() == 5 && "storage".equals(t.items().get(0))
                && t.items().get(1) instanceof Global type && t.items().get(2) instanceof String key
                && t.items().get(3) instanceof String location && t.items().get(4) instanceof Long numel) {
            return new StorageRef(type.name(), key, location, numel);
        }
        if (pid instanceof Tuple t && !t.items().isEmpty() && t.items().get(1) instanceof Refused r) {
            return r;
        }
        throw new IllegalArgumentException("persistent id " + describe(pid) + " is not a storage reference"
                + " ('storage', torch.<Type>Storage, key, location, size)");
    }

    private static long[] longs(Object tuple) {
        List<Object> items = ((Tuple) tuple).items();
        long[] out = new long[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (Long) items.get(i);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        if (!(o instanceof ArrayList<?>)) {
            throw new IllegalArgumentException("APPEND to " + describe(o) + ", which is not a list");
        }
        return (List<Object>) o;
    }

    private static Map<Object, Object> dict(Object o) {
        if (!(o instanceof PyDict d)) {
            throw new IllegalArgumentException("SETITEM on " + describe(o) + ", which is not a dict");
        }
        return d;
    }

    /** A short description of a pickle value for messages. */
    static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Global g) {
            return g.path();
        }
        if (o instanceof Refused r) {
            return r.path();
        }
        if (o instanceof Tuple t) {
            return "a tuple of " + t.items().size();
        }
        if (o instanceof PyDict d) {
            return (d.ordered ? "an OrderedDict" : "a dict") + " of " + d.size();
        }
        if (o instanceof List<?> l) {
            return "a list of " + l.size();
        }
        if (o instanceof TensorRef) {
            return "a tensor";
        }
        if (o instanceof String s) {
            return "the string '" + s + "'";
        }
        return o.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " " + o;
    }

    // ------------------------------------------------------------------ stack and input

    private void push(Object o) {
        stack.add(o);
    }

    private Object pop() {
        if (stack.isEmpty() || !marks.isEmpty() && stack.size() <= marks.peek()) {
            throw new IllegalArgumentException("pickle stack underflow at byte " + pos);
        }
        return stack.remove(stack.size() - 1);
    }

    private Object top() {
        if (stack.isEmpty()) {
            throw new IllegalArgumentException("pickle stack empty at byte " + pos);
        }
        return stack.get(stack.size() - 1);
    }

    private Tuple popTuple(int n) {
        Object[] items = new Object[n];
        for (int i = n - 1; i >= 0; i--) {
            items[i] = pop();
        }
        return new Tuple(java.util.Arrays.asList(items));
    }

    private List<Object> popMark() {
        if (marks.isEmpty()) {
            throw new IllegalArgumentException("pickle has no MARK before byte " + pos);
        }
        int from = marks.pop();
        List<Object> view = stack.subList(from, stack.size());
        List<Object> items = new ArrayList<>(view);
        view.clear();
        return items;
    }

    private Object memo(long index) {
        if (!memo.containsKey(index)) {
            throw new IllegalArgumentException("pickle refers to memo entry " + index + ", which was never stored");
        }
        return memo.get(index);
    }

    private int u8() {
        need(1);
        return code[pos++] & 0xff;
    }

    private byte[] bytes(int n) {
        need(n);
        byte[] out = java.util.Arrays.copyOfRange(code, pos, pos + n);
        pos += n;
        return out;
    }

    private ByteBuffer le(int n) {
        return ByteBuffer.wrap(bytes(n)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private int length(long n) {
        if (n > code.length - pos) {
            throw new IllegalArgumentException("pickle string of " + n + " bytes at byte " + pos + " runs past the end ("
                    + (code.length - pos) + " left): truncated");
        }
        return (int) n;
    }

    private String utf8(int n) {
        return new String(bytes(n), StandardCharsets.UTF_8);
    }

    private String line() {
        int start = pos;
        while (pos < code.length && code[pos] != '\n') {
            pos++;
        }
        need(1);
        String s = new String(code, start, pos - start, StandardCharsets.UTF_8);
        pos++;
        return s;
    }

    private Object long1() {
        int n = u8();
        byte[] b = bytes(n);
        if (n > 8) {
            throw new IllegalArgumentException("integer of " + n + " bytes at byte " + pos + " is too large");
        }
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xff);
        }
        if (n > 0 && n < 8 && (b[n - 1] & 0x80) != 0) {
            v -= 1L << (8 * n);   // two's complement of n bytes
        }
        return v;
    }

    private void need(int n) {
        if (pos + n > code.length) {
            throw new IllegalArgumentException("the pickle ends at byte " + code.length + " in the middle of an instruction"
                    + " (no STOP): truncated");
        }
    }
}
