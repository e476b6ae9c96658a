package rnncourse.kernel.exec;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.HashSet;
import java.util.Set;

/**
 * Rewrites the bytecode of a snippet class as the kernel loads it, the same way on every JDK:
 * <ul>
 *   <li>a stop check ({@link StopCheck}) at the entry of every method and before every
 *       backward branch, so a stopped cell ends within one loop iteration or one call, even in
 *       recursion without a loop or in a lambda that a JDK stream calls forever;</li>
 *   <li>calls of {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} (also as
 *       method references) go to {@link ExitRedirect} instead.</li>
 * </ul>
 * Only classes JShell compiles from cells pass through here; the course library and other jars
 * load from the class path unchanged.
 *
 * <p>Neither rewrite changes the operand stack at any branch target (the check takes and leaves
 * nothing; a redirected call has the same arguments as the original), so the class's stack map
 * frames stay valid and are not recomputed: no classes are loaded to compute them.
 */
final class SnippetInstrumenter {
    /** The stop check: an invokedynamic linked by {@link StopCheck#bootstrap}. */
    private static final Handle STOP_CHECK = new Handle(Opcodes.H_INVOKESTATIC, Type.getInternalName(StopCheck.class),
            "bootstrap", "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;)"
            + "Ljava/lang/invoke/CallSite;", false);
    private static final String EXIT_REDIRECT = Type.getInternalName(ExitRedirect.class);
    private static final String RUNTIME_RECEIVER = "(Ljava/lang/Runtime;I)V";

    private SnippetInstrumenter() {
    }

    /**
     * @param classFile a class file as javac wrote it
     * @return the class file with stop checks and exit redirects
     * @throws IllegalArgumentException if ASM cannot read the class file (e.g. a class-file
     *                                  version newer than this ASM knows)
     */
    static byte[] instrument(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodRewriter(super.visitMethod(access, name, descriptor, signature, exceptions));
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Inserts the checks and redirects exits in one method. */
    private static final class MethodRewriter extends MethodVisitor {
        /** Labels already placed: a jump to one of them goes backwards. */
        private final Set<Label> placed = new HashSet<>();

        MethodRewriter(MethodVisitor target) {
            super(Opcodes.ASM9, target);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            stopCheck();
        }

        @Override
        public void visitLabel(Label label) {
            placed.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            if (placed.contains(label)) {
                stopCheck();
            }
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            if (anyPlaced(dflt, labels)) {
                stopCheck();
            }
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            if (anyPlaced(dflt, labels)) {
                stopCheck();
            }
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            String redirect = exitRedirect(owner, name, descriptor);
            if (redirect != null) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, EXIT_REDIRECT, redirect, redirectDescriptor(owner), false);
            } else {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            Object[] rewritten = arguments.clone();
            for (int i = 0; i < rewritten.length; i++) {
                rewritten[i] = redirected(rewritten[i]);
            }
            super.visitInvokeDynamicInsn(name, descriptor, bootstrap, rewritten);
        }

        @Override
        public void visitLdcInsn(Object value) {
            super.visitLdcInsn(redirected(value));
        }

        private void stopCheck() {
            super.visitInvokeDynamicInsn("stopCheck", "()V", STOP_CHECK);
        }

        private boolean anyPlaced(Label dflt, Label[] labels) {
            if (placed.contains(dflt)) {
                return true;
            }
            for (Label l : labels) {
                if (placed.contains(l)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A method handle of an exit call (as in {@code IntConsumer c = System::exit}) points to the redirect. */
    private static Object redirected(Object constant) {
        if (constant instanceof Handle h) {
            String redirect = exitRedirect(h.getOwner(), h.getName(), h.getDesc());
            if (redirect != null) {
                return new Handle(Opcodes.H_INVOKESTATIC, EXIT_REDIRECT, redirect, redirectDescriptor(h.getOwner()), false);
            }
        }
        return constant;
    }

    /** @return the {@link ExitRedirect} method replacing this call, or null if it is no exit */
    private static String exitRedirect(String owner, String name, String descriptor) {
        if (!"(I)V".equals(descriptor)) {
            return null;
        }
        if ("java/lang/System".equals(owner) && "exit".equals(name)) {
            return "systemExit";
        }
        if ("java/lang/Runtime".equals(owner)) {
            return switch (name) {
                case "exit" -> "runtimeExit";
                case "halt" -> "runtimeHalt";
                default -> null;
            };
        }
        return null;
    }

    private static String redirectDescriptor(String owner) {
        return "java/lang/System".equals(owner) ? "(I)V" : RUNTIME_RECEIVER;
    }
}
