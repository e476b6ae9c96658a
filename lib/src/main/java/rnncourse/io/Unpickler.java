package rnncourse.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 *
 * <p>The file is untrusted, so the machine also bounds what it builds, not only the bytes it reads:
 * a one-byte opcode repeated a hundred million times (a 100 MB pickle that compresses to 100 KB)
 * would otherwise build a hundred million objects. The bounds ({@link #MAX_INSTRUCTIONS},
 * {@link #MAX_OBJECTS}, {@link #MAX_ELEMENTS}, {@link #MAX_STACK}, {@link #MAX_MEMO}, {@link #MAX_DEPTH})
 * are far above what a state dict needs (a few dozen instructions, a few objects and a dozen
 * elements per tensor) and far below what exhausts a 1 GB heap. Dict keys must be hashable as in
 * Python (no list or dict, so no dict that contains itself as its own key) and small
 * ({@link #MAX_KEY_WEIGHT}), since hashing a key walks it. Every wrong type gets a message naming
 * the opcode or call and what it expected; nothing here throws a bare NullPointerException.
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

    /**
     * A Python tuple (immutable, so it cannot contain itself). {@code weight} counts the nodes a
     * walk over it visits (itself, its items, their items, a shared one each time it is reached),
     * saturated at 2^40, and {@code depth} its tuple nesting: a DAG of tuples, each holding the last
     * twice, doubles its weight with every level, and hashing or comparing it would take 2^levels.
     * {@code hashable} is false if it holds a list or dict, as in Python.
     */
    record Tuple(List<Object> items, long weight, int depth, boolean hashable) {
        static Tuple of(List<Object> items) {
            long weight = 1;
            int depth = 1;
            boolean hashable = true;
            for (Object o : items) {
                if (o instanceof Tuple t) {
                    weight = Math.min(weight + t.weight, 1L << 40);
                    depth = Math.max(depth, t.depth + 1);
                    hashable &= t.hashable;
                } else {
                    weight++;
                    hashable &= !(o instanceof List<?> || o instanceof Map<?, ?>);
                }
            }
            return new Tuple(java.util.Collections.unmodifiableList(items), weight, depth, hashable);
        }
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

    /** Instructions run: torch.save's pickle of a state dict has 30 to 50 per tensor. */
    static final long MAX_INSTRUCTIONS = 5_000_000;
    /** Containers and references built (dicts, lists, tuples, tensors, storages, names). */
    static final long MAX_OBJECTS = 1_000_000;
    /** Items placed into tuples, lists and dicts, counting a key's weight each time it is hashed. */
    static final long MAX_ELEMENTS = 10_000_000;
    /** Values on the stack at once. */
    static final int MAX_STACK = 1_000_000;
    /** Memo entries. */
    static final int MAX_MEMO = 1_000_000;
    /** Nesting: open MARKs, and tuples within tuples. */
    static final int MAX_DEPTH = 1_000;
    /** The largest {@link Tuple#weight} a dict key may have. */
    static final long MAX_KEY_WEIGHT = 1_000;

    /** The longest GLOBAL module or name read. */
    static final int MAX_NAME = 10_000;

    private final InputStream in;
    private final long limit;
    private final byte[] buf = new byte[1 << 16];
    private int bufPos;
    private int bufLen;
    private long consumed;
    private long instructions;
    private long objects;
    private long elements;
    private final List<Object> stack = new ArrayList<>();
    private final Deque<Integer> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private final Set<String> refused = new LinkedHashSet<>();

    /** A machine reading at most {@code limit} bytes of pickle from {@code in}. */
    Unpickler(InputStream in, long limit) {
        this.in = in;
        this.limit = limit;
    }

    /** A machine reading {@code code}. */
    Unpickler(byte[] code) {
        this(new java.io.ByteArrayInputStream(code), code.length);
    }

    /** The names the pickle asked for that are not allowed, in order of appearance (empty if none). */
    Set<String> refused() {
        return refused;
    }

    /**
     * Runs the pickle to its STOP and returns the top of the stack.
     *
     * @throws IllegalArgumentException (message saying what, at which byte and in which opcode) for a
     *         malformed or truncated pickle, an unsupported opcode, a misuse of an allowed name, a
     *         value of the wrong type, or a budget exceeded
     * @throws UncheckedIOException if the stream cannot be read (a corrupt zip record)
     */
    Object load() {
        while (true) {
            long at = position();
            int op = u8();
            try {
                if (++instructions > MAX_INSTRUCTIONS) {
                    throw new IllegalArgumentException("the pickle runs more than " + MAX_INSTRUCTIONS
                            + " instructions, far more than a state dict needs: corrupt or hostile");
                }
                if (op == '.') {       // STOP
                    return pop();
                }
                step(op);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("byte " + at + ", " + opName(op) + ": " + e.getMessage(), e);
            } catch (IndexOutOfBoundsException | ClassCastException e) {
                // a safety net: every opcode checks its operands' types, so this is a bug worth a message
                throw new IllegalArgumentException("byte " + at + ", " + opName(op) + ": malformed pickle ("
                        + e.getMessage() + ")", e);
            }
        }
    }

    /** The opcode's name in Python's pickletools, for messages. */
    private static String opName(int op) {
        String name = switch (op) {
            case 0x80 -> "PROTO";
            case 0x95 -> "FRAME";
            case '(' -> "MARK";
            case '}' -> "EMPTY_DICT";
            case ']' -> "EMPTY_LIST";
            case ')' -> "EMPTY_TUPLE";
            case 'N' -> "NONE";
            case 0x88 -> "NEWTRUE";
            case 0x89 -> "NEWFALSE";
            case 'J' -> "BININT";
            case 'K' -> "BININT1";
            case 'M' -> "BININT2";
            case 'G' -> "BINFLOAT";
            case 0x8a -> "LONG1";
            case 'X' -> "BINUNICODE";
            case 0x8c -> "SHORT_BINUNICODE";
            case 'U' -> "SHORT_BINSTRING";
            case 'q' -> "BINPUT";
            case 'r' -> "LONG_BINPUT";
            case 0x94 -> "MEMOIZE";
            case 'h' -> "BINGET";
            case 'j' -> "LONG_BINGET";
            case 't' -> "TUPLE";
            case 0x85 -> "TUPLE1";
            case 0x86 -> "TUPLE2";
            case 0x87 -> "TUPLE3";
            case 'a' -> "APPEND";
            case 'e' -> "APPENDS";
            case 's' -> "SETITEM";
            case 'u' -> "SETITEMS";
            case 'c' -> "GLOBAL";
            case 0x93 -> "STACK_GLOBAL";
            case 'R' -> "REDUCE";
            case 0x81 -> "NEWOBJ";
            case 'b' -> "BUILD";
            case 'Q' -> "BINPERSID";
            case '.' -> "STOP";
            default -> null;
        };
        return name != null ? name : String.format("opcode 0x%02x", op);
    }

    private void step(int op) {
        switch (op) {
            case 0x80 -> {             // PROTO
                int proto = u8();
                if (proto > 5) {
                    throw new IllegalArgumentException("pickle protocol " + proto + " is newer than any Python writes");
                }
            }
            case 0x95 -> {             // FRAME (protocol 4): only a length hint
                need(8);
                bufPos += 8;
            }
            case '(' -> {                                   // MARK
                if (marks.size() >= MAX_DEPTH) {
                    throw new IllegalArgumentException("more than " + MAX_DEPTH + " nested MARKs, far deeper than a"
                            + " state dict nests: corrupt or hostile");
                }
                marks.push(stack.size());
            }
            case '}' -> push(built(new PyDict(false)));     // EMPTY_DICT
            case ']' -> push(built(new ArrayList<>()));     // EMPTY_LIST
            case ')' -> push(tuple(List.of()));             // EMPTY_TUPLE
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
            case 'q' -> memoize((long) u8());               // BINPUT
            case 'r' -> memoize(le(4).getInt() & 0xffffffffL); // LONG_BINPUT
            case 0x94 -> memoize((long) memo.size());       // MEMOIZE
            case 'h' -> push(memo(u8()));                   // BINGET
            case 'j' -> push(memo(le(4).getInt() & 0xffffffffL)); // LONG_BINGET
            case 't' -> push(tuple(popMark()));             // TUPLE
            case 0x85 -> push(popTuple(1));                // TUPLE1
            case 0x86 -> push(popTuple(2));                // TUPLE2
            case 0x87 -> push(popTuple(3));                // TUPLE3
            case 'a' -> {                                   // APPEND
                Object item = pop();
                list(top()).add(item);
                count(1);
            }
            case 'e' -> {                                   // APPENDS
                List<Object> items = popMark();
                List<Object> list = list(top());
                count(items.size());
                list.addAll(items);
            }
            case 's' -> {                                   // SETITEM
                Object value = pop();
                Object key = pop();
                dict(top()).put(key(key), value);
            }
            case 'u' -> {                                   // SETITEMS
                List<Object> items = popMark();
                Map<Object, Object> d = dict(top());
                if (items.size() % 2 != 0) {
                    throw new IllegalArgumentException("an odd number (" + items.size() + ") of keys and values");
                }
                for (int i = 0; i < items.size(); i += 2) {
                    d.put(key(items.get(i)), items.get(i + 1));
                }
            }
            case 'c' -> push(global(line(), line()));        // GLOBAL
            case 0x93 -> {                                   // STACK_GLOBAL (protocol 4)
                Object name = pop();
                Object module = pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw new IllegalArgumentException("expected a module and a name (two strings), got "
                            + describe(module) + " and " + describe(name));
                }
                push(global(m, n));
            }
            case 'R' -> {                                    // REDUCE
                Object args = pop();
                Object func = pop();
                push(reduce(func, args));
            }
            case 0x81 -> {                                   // NEWOBJ
                pop();                                       // the arguments: never used
                Object cls = pop();
                push(cls instanceof Refused r ? r : refuse(describe(cls) + " (instantiated with NEWOBJ)"));
            }
            case 'b' -> {                                    // BUILD
                Object state = pop();
                Object inst = top();
                if (inst instanceof Refused) {
                    return;
                }
                if (!(inst instanceof PyDict d && d.ordered)) {
                    throw new IllegalArgumentException("sets the state of " + describe(inst)
                            + ": only an OrderedDict's attributes (such as _metadata) may be set");
                }
                if (state instanceof PyDict s) {
                    count(s.size());
                    d.attributes.putAll(s);
                } else if (state != null) {         // None: no state, as in Python
                    throw new IllegalArgumentException("expected a dict of attributes for an OrderedDict, got "
                            + describe(state));
                }
            }
            case 'Q' -> push(persistent(pop()));            // BINPERSID
            default -> throw new IllegalArgumentException(String.format(
                    "unsupported pickle opcode 0x%02x ('%c'): torch.save writes protocol 2, which does not use it",
                    op, (char) op));
        }
    }

    private Object global(String module, String name) {
        String path = module + "." + name;
        boolean allowed = path.equals(ORDERED_DICT) || path.equals(REBUILD_TENSOR) || path.equals(REBUILD_PARAMETER)
                || path.equals(REBUILD_PARAMETER_WITH_STATE)
                || module.equals("torch") && (ElementType.forStorageClass(name) != null
                        || ElementType.UNSUPPORTED_STORAGES.containsKey(name));
        return built(allowed ? new Global(module, name) : refuse(path));
    }

    private Refused refuse(String path) {
        refused.add(path);
        return built(new Refused(path));
    }

    private Object reduce(Object func, Object args) {
        if (func instanceof Refused r) {
            return r;
        }
        if (!(func instanceof Global g)) {
            throw new IllegalArgumentException("calls " + describe(func) + ", which is not a function");
        }
        if (!(args instanceof Tuple t)) {
            throw new IllegalArgumentException("calls " + g.path() + " with " + describe(args)
                    + " instead of a tuple of arguments");
        }
        List<Object> a = t.items();
        switch (g.path()) {
            case ORDERED_DICT -> {
                if (!a.isEmpty()) {
                    throw new IllegalArgumentException(ORDERED_DICT + " called with " + a.size()
                            + " arguments; torch.save calls it with none and adds the items with SETITEMS");
                }
                return built(new PyDict(true));
            }
            case REBUILD_TENSOR -> {
                if (a.size() < 6 || a.size() > 7) {
                    throw new IllegalArgumentException(REBUILD_TENSOR + " with " + a.size() + " arguments instead of 6 or 7");
                }
                if (!(a.get(0) instanceof StorageRef storage)) {
                    throw new IllegalArgumentException(REBUILD_TENSOR + " on " + describe(a.get(0)) + " instead of a storage");
                }
                if (a.get(5) instanceof Map<?, ?> hooks && !hooks.isEmpty()) {
                    throw new IllegalArgumentException("a tensor carries " + hooks.size() + " backward hooks");
                }
                return built(new TensorRef(storage, integer(a.get(1), REBUILD_TENSOR + "'s storage_offset"),
                        integers(a.get(2), REBUILD_TENSOR + "'s size"), integers(a.get(3), REBUILD_TENSOR + "'s stride")));
            }
            case REBUILD_PARAMETER, REBUILD_PARAMETER_WITH_STATE -> {
                if (a.isEmpty() || !(a.get(0) instanceof TensorRef tensor)) {
                    throw new IllegalArgumentException(g.path() + " on " + (a.isEmpty() ? "no arguments" : describe(a.get(0)))
                            + " instead of a tensor");
                }
                return tensor;
            }
            default -> throw new IllegalArgumentException("calls " + g.path() + ", which builds no object");
        }
    }

    private Object persistent(Object pid) {
        if (pid instanceof Tuple t && t.items().size() == 5 && "storage".equals(t.items().get(0))
                && t.items().get(1) instanceof Global type && t.items().get(2) instanceof String key
                && t.items().get(3) instanceof String location && t.items().get(4) instanceof Long numel) {
            return built(new StorageRef(type.name(), key, location, numel));
        }
        if (pid instanceof Tuple t && t.items().size() >= 2 && t.items().get(1) instanceof Refused r) {
            return r;
        }
        throw new IllegalArgumentException("persistent id " + describe(pid) + " is not a storage reference"
                + " ('storage', torch.<Type>Storage, key, location, size)");
    }

    private static long integer(Object o, String what) {
        if (!(o instanceof Long v)) {
            throw new IllegalArgumentException(what + " is " + describe(o) + ", not an integer");
        }
        return v;
    }

    private static long[] integers(Object o, String what) {
        if (!(o instanceof Tuple t)) {
            throw new IllegalArgumentException(what + " is " + describe(o) + ", not a tuple of integers");
        }
        List<Object> items = t.items();
        long[] out = new long[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = integer(items.get(i), what + "[" + i + "]");
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        if (!(o instanceof ArrayList<?>)) {
            throw new IllegalArgumentException("appends to " + describe(o) + ", which is not a list");
        }
        return (List<Object>) o;
    }

    private static Map<Object, Object> dict(Object o) {
        if (!(o instanceof PyDict d)) {
            throw new IllegalArgumentException("sets an item of " + describe(o) + ", which is not a dict");
        }
        return d;
    }

    /**
     * {@code key}, after checking that Python could use it as a dict key: no list or dict (unhashable,
     * and a dict that contains itself would hash forever), no tuple holding one, and no tuple whose
     * walk is longer than {@link #MAX_KEY_WEIGHT}. Its hashing is counted against {@link #MAX_ELEMENTS}.
     */
    private Object key(Object key) {
        if (key instanceof List<?> || key instanceof Map<?, ?> || key instanceof Tuple t && !t.hashable()) {
            throw new IllegalArgumentException("a dict key is " + describe(key) + (key instanceof Tuple
                    ? " that holds a list or dict" : "") + ", which Python cannot use as a key (unhashable type)");
        }
        long weight = key instanceof Tuple t ? t.weight() : 1;
        if (weight > MAX_KEY_WEIGHT) {
            throw new IllegalArgumentException("a dict key is a tuple of " + weight + " nested values (over "
                    + MAX_KEY_WEIGHT + "), which a state dict never uses: corrupt or hostile");
        }
        count(weight);
        return key;
    }

    /** A short description of a pickle value for messages (never its contents, which may be huge or contain itself). */
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
        if (o instanceof StorageRef s) {
            return "a storage (torch." + shortened(s.storageClass()) + ")";
        }
        if (o instanceof String s) {
            return "the string '" + shortened(s) + "'";
        }
        return o.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " " + o;
    }

    /** {@code s}, cut to 60 characters for a message. */
    static String shortened(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "... (" + s.length() + " characters)";
    }

    // ------------------------------------------------------------------ budgets, stack and input

    /** Counts a new container or reference against {@link #MAX_OBJECTS}. */
    private <T> T built(T object) {
        if (++objects > MAX_OBJECTS) {
            throw new IllegalArgumentException("the pickle builds more than " + MAX_OBJECTS + " objects, far more"
                    + " than a state dict needs (a few per tensor): corrupt or hostile");
        }
        return object;
    }

    /** Counts {@code n} items placed into containers against {@link #MAX_ELEMENTS}. */
    private void count(long n) {
        elements += n;
        if (elements > MAX_ELEMENTS) {
            throw new IllegalArgumentException("the pickle places more than " + MAX_ELEMENTS + " items into"
                    + " tuples, lists and dicts, far more than a state dict needs: corrupt or hostile");
        }
    }

    private Tuple tuple(List<Object> items) {
        count(items.size());
        Tuple t = built(Tuple.of(items));
        if (t.depth() > MAX_DEPTH) {
            throw new IllegalArgumentException("tuples nested more than " + MAX_DEPTH + " deep, far deeper than a"
                    + " state dict nests: corrupt or hostile");
        }
        return t;
    }

    private void push(Object o) {
        if (stack.size() >= MAX_STACK) {
            throw new IllegalArgumentException("more than " + MAX_STACK + " values on the pickle stack, far more than"
                    + " a state dict needs: corrupt or hostile");
        }
        stack.add(o);
    }

    private Object pop() {
        if (stack.isEmpty() || !marks.isEmpty() && stack.size() <= marks.peek()) {
            throw new IllegalArgumentException("pickle stack underflow (a value taken that was never pushed)");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object top() {
        if (stack.isEmpty() || !marks.isEmpty() && stack.size() <= marks.peek()) {
            throw new IllegalArgumentException("pickle stack empty (no value to act on)");
        }
        return stack.get(stack.size() - 1);
    }

    private Tuple popTuple(int n) {
        Object[] items = new Object[n];
        for (int i = n - 1; i >= 0; i--) {
            items[i] = pop();
        }
        return tuple(java.util.Arrays.asList(items));
    }

    private List<Object> popMark() {
        if (marks.isEmpty()) {
            throw new IllegalArgumentException("no MARK before it");
        }
        int from = marks.pop();
        if (from == stack.size()) {
            return List.of();
        }
        List<Object> view = stack.subList(from, stack.size());
        List<Object> items = new ArrayList<>(view);
        view.clear();
        return items;
    }

    private void memoize(long index) {
        if (memo.size() >= MAX_MEMO && !memo.containsKey(index)) {
            throw new IllegalArgumentException("more than " + MAX_MEMO + " memo entries, far more than a state dict"
                    + " needs: corrupt or hostile");
        }
        memo.put(index, top());
    }

    private Object memo(long index) {
        if (!memo.containsKey(index)) {
            throw new IllegalArgumentException("refers to memo entry " + index + ", which was never stored");
        }
        return memo.get(index);
    }

    // The input is read as a stream, so that a file refused within its first megabyte is never
    // inflated to its hundred.

    /** The position of the next byte in the pickle. */
    private long position() {
        return consumed + bufPos;
    }

    /** Makes {@code n} (at most the buffer's size) bytes available in the buffer, or fails as truncated. */
    private void need(int n) {
        if (bufLen - bufPos >= n) {
            return;
        }
        System.arraycopy(buf, bufPos, buf, 0, bufLen - bufPos);
        consumed += bufPos;
        bufLen -= bufPos;
        bufPos = 0;
        try {
            while (bufLen < n) {
                int room = (int) Math.min(buf.length - bufLen, limit - consumed - bufLen);
                int got = room <= 0 ? -1 : in.read(buf, bufLen, room);
                if (got < 0) {
                    throw new IllegalArgumentException("the pickle ends at byte " + (consumed + bufLen)
                            + " in the middle of an instruction (no STOP): truncated");
                }
                bufLen += got;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int u8() {
        need(1);
        return buf[bufPos++] & 0xff;
    }

    private byte[] bytes(int n) {
        if (n <= buf.length) {
            need(n);
            byte[] out = java.util.Arrays.copyOfRange(buf, bufPos, bufPos + n);
            bufPos += n;
            return out;
        }
        byte[] out = new byte[n];
        for (int done = 0; done < n; ) {
            int chunk = Math.min(buf.length, n - done);
            need(chunk);
            System.arraycopy(buf, bufPos, out, done, chunk);
            bufPos += chunk;
            done += chunk;
        }
        return out;
    }

    private ByteBuffer le(int n) {
        return ByteBuffer.wrap(bytes(n)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A string's length, checked against what is left of the pickle before anything is allocated for it. */
    private int length(long n) {
        long left = limit - position();
        if (n > left) {
            throw new IllegalArgumentException("a string of " + n + " bytes runs past the end of the pickle ("
                    + left + " bytes left): truncated");
        }
        return (int) n;
    }

    private String utf8(int n) {
        return new String(bytes(n), StandardCharsets.UTF_8);
    }

    /** A GLOBAL's module or name, up to its newline. */
    private String line() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int b = u8(); b != '\n'; b = u8()) {
            if (out.size() >= MAX_NAME) {
                throw new IllegalArgumentException("a name longer than " + MAX_NAME + " bytes, which no module or"
                        + " class has: corrupt or hostile");
            }
            out.write(b);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private Object long1() {
        int n = u8();
        byte[] b = bytes(length(n));
        if (n > 8) {
            throw new IllegalArgumentException("an integer of " + n + " bytes, beyond the 64 bits of any size or offset");
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
}
