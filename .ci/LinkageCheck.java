import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Checks that the extension's compiled classes link against a Keycloak distribution, without starting it:
 * every class, method, constructor and field they use outside our own package exists in the
 * distribution's jars with the same signature; every Keycloak type we extend or implement leaves none of
 * its abstract methods unimplemented; and every method of ours that overrides a Keycloak method still
 * overrides one (a changed SPI signature would otherwise leave our method silently uncalled).
 * <p>
 * The JAR is compiled against the oldest Keycloak we support; this proves that it links on the newer
 * ones too, for all of its code and not only for what the integration tests reach.
 * <p>
 * Classes named after the distribution run at build time only (the OpenAPI filter): they are not
 * checked, but no other class may refer to them.
 * <p>
 * Usage (ASM from the distribution itself):
 * {@code java -cp KC/lib/lib/main/org.ow2.asm.asm-*.jar .ci/LinkageCheck.java target/classes KC [build-time class…]}
 */
public class LinkageCheck {

    /** Our own package; -Dlinkage.package=… checks another provider JAR's classes. */
    private static final String OURS = System.getProperty("linkage.package", "io/github/inviteonly/");

    public static void main(String[] args) throws Exception {
        Path classes = Path.of(args[0]);
        Path keycloak = Path.of(args[1]);
        Set<String> buildTimeOnly = new TreeSet<>();
        for (int i = 2; i < args.length; i++) {
            buildTimeOnly.add(args[i].replace('.', '/'));
        }
        List<URL> jars = new ArrayList<>();
        for (String dir : List.of("lib/lib/main", "lib/lib/boot")) {
            try (Stream<Path> files = Files.list(keycloak.resolve(dir))) {
                for (Path jar : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".jar")).sorted()::iterator) {
                    jars.add(jar.toUri().toURL());
                }
            }
        }
        ClassLoader server = new URLClassLoader(jars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        ClassLoader withOurs = new URLClassLoader(new URL[] {classes.toUri().toURL()}, server);

        List<Path> classFiles;
        try (Stream<Path> files = Files.walk(classes)) {
            classFiles = files.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        Set<String> problems = new TreeSet<>();
        int references = 0;
        for (Path file : classFiles) {
            Collector collector = new Collector();
            try (InputStream in = Files.newInputStream(file)) {
                new ClassReader(in).accept(collector, ClassReader.SKIP_FRAMES);
            }
            if (buildTimeOnly.contains(collector.name)) {
                continue;
            }
            for (String[] ref : collector.references) {
                if (buildTimeOnly.contains(ref[1])) {
                    problems.add(collector.name.replace('/', '.') + ": refers to build-time-only " + ref[1].replace('/', '.'));
                }
                if (ref[1].startsWith(OURS)) {
                    continue;
                }
                references++;
                String problem = check(server, ref);
                if (problem != null) {
                    problems.add(collector.name.replace('/', '.') + ": " + problem);
                }
            }
            checkImplementation(withOurs, collector.name, problems);
        }
        System.out.printf("%s: %d classes, %d references outside our package checked%n",
                keycloak.getFileName(), classFiles.size(), references);
        problems.forEach(p -> System.out.println("  LINKAGE: " + p));
        if (!problems.isEmpty()) {
            System.exit(1);
        }
    }

    /** @return a description of what does not link, or null */
    private static String check(ClassLoader loader, String[] ref) {
        String kind = ref[0];
        String owner = ref[1];
        Class<?> type;
        try {
            type = Class.forName(Type.getObjectType(owner).getClassName(), false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return "missing class " + owner.replace('/', '.');
        }
        try {
            switch (kind) {
                case "class":
                    return null;
                case "field":
                    return findField(type, ref[2], ref[3]) ? null
                            : "missing field " + type.getName() + "." + ref[2] + " " + ref[3];
                default:
                    return findMethod(type, ref[2], ref[3]) ? null
                            : "missing method " + type.getName() + "." + ref[2] + ref[3];
            }
        } catch (LinkageError e) {
            return "cannot inspect " + type.getName() + " for " + ref[2] + ": " + e;
        }
    }

    private static boolean findField(Class<?> type, String name, String descriptor) {
        for (Class<?> c : hierarchy(type)) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getName().equals(name) && Type.getDescriptor(f.getType()).equals(descriptor)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean findMethod(Class<?> type, String name, String descriptor) {
        if (name.equals("<init>")) {
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (Type.getConstructorDescriptor(c).equals(descriptor)) {
                    return true;
                }
            }
            return false;
        }
        if (type.isArray() || (name.equals("clone") && descriptor.startsWith("()"))) {
            return true;
        }
        for (Class<?> c : hierarchy(type)) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && Type.getMethodDescriptor(m).equals(descriptor)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The type, its superclasses and all their interfaces (and Object, for interfaces). */
    private static List<Class<?>> hierarchy(Class<?> type) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(type));
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (seen.add(c)) {
                if (c.getSuperclass() != null) {
                    todo.add(c.getSuperclass());
                }
                todo.addAll(List.of(c.getInterfaces()));
            }
        }
        seen.add(Object.class);
        return new ArrayList<>(seen);
    }

    /**
     * For each class of ours: no abstract method of a supertype left without an implementation, and each
     * of our methods that was written as an override (@Override is not in the bytecode, so: every
     * non-private instance method whose name a non-ours supertype declares) still overrides a method of
     * that supertype with the same parameter types.
     */
    private static void checkImplementation(ClassLoader loader, String name, Set<String> problems) {
        Class<?> ours;
        try {
            ours = Class.forName(Type.getObjectType(name).getClassName(), false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            problems.add(name.replace('/', '.') + ": cannot load: " + e);
            return;
        }
        List<Class<?>> supertypes = hierarchy(ours).stream()
                .filter(c -> c != ours && !c.getName().replace('.', '/').startsWith(OURS)).toList();
        try {
            if (!ours.isInterface() && !Modifier.isAbstract(ours.getModifiers())) {
                for (Class<?> s : supertypes) {
                    for (Method m : s.getDeclaredMethods()) {
                        if (Modifier.isAbstract(m.getModifiers()) && !implemented(ours, m)) {
                            problems.add(ours.getName() + ": does not implement " + s.getName() + "." + m.getName()
                                    + Type.getMethodDescriptor(m));
                        }
                    }
                }
            }
            for (Method mine : ours.getDeclaredMethods()) {
                int mod = mine.getModifiers();
                if (Modifier.isStatic(mod) || Modifier.isPrivate(mod) || mine.isSynthetic() || mine.isBridge()) {
                    continue;
                }
                boolean nameKnown = false;
                boolean overrides = false;
                for (Class<?> s : supertypes) {
                    for (Method theirs : s.getDeclaredMethods()) {
                        if (!theirs.getName().equals(mine.getName()) || Modifier.isStatic(theirs.getModifiers())
                                || Modifier.isPrivate(theirs.getModifiers()) || s == Object.class) {
                            continue;
                        }
                        nameKnown = true;
                        overrides |= java.util.Arrays.equals(theirs.getParameterTypes(), mine.getParameterTypes());
                    }
                }
                if (nameKnown && !overrides) {
                    problems.add(ours.getName() + ": " + mine.getName() + Type.getMethodDescriptor(mine)
                            + " overrides nothing (a supertype has " + mine.getName() + " with other parameters)");
                }
            }
        } catch (LinkageError e) {
            problems.add(ours.getName() + ": cannot inspect: " + e);
        }
    }

    private static boolean implemented(Class<?> ours, Method abstractMethod) {
        for (Class<?> c : hierarchy(ours)) {
            for (Method m : c.getDeclaredMethods()) {
                if (!Modifier.isAbstract(m.getModifiers()) && m.getName().equals(abstractMethod.getName())
                        && java.util.Arrays.equals(m.getParameterTypes(), abstractMethod.getParameterTypes())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every class, method and field reference of one class file: {kind, owner, name, descriptor}. */
    private static final class Collector extends ClassVisitor {
        final Set<String[]> references = new java.util.TreeSet<>(java.util.Arrays::compare);
        String name;

        Collector() {
            super(Opcodes.ASM9);
        }

        private void type(Type t) {
            while (t.getSort() == Type.ARRAY) {
                t = t.getElementType();
            }
            if (t.getSort() == Type.OBJECT) {
                references.add(new String[] {"class", t.getInternalName(), "", ""});
            } else if (t.getSort() == Type.METHOD) {
                type(t.getReturnType());
                for (Type a : t.getArgumentTypes()) {
                    type(a);
                }
            }
        }

        private void handle(Handle h) {
            boolean field = h.getTag() <= Opcodes.H_PUTSTATIC;
            references.add(new String[] {field ? "field" : "method", h.getOwner(), h.getName(), h.getDesc()});
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            this.name = name;
            if (superName != null) {
                type(Type.getObjectType(superName));
            }
            for (String i : interfaces) {
                type(Type.getObjectType(i));
            }
        }

        @Override
        public org.objectweb.asm.FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            type(Type.getType(descriptor));
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            type(Type.getMethodType(descriptor));
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                    if (owner.startsWith("[")) {
                        type(Type.getType(owner));
                    } else {
                        references.add(new String[] {"method", owner, name, descriptor});
                    }
                    type(Type.getMethodType(descriptor));
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                    references.add(new String[] {"field", owner, name, descriptor});
                }

                @Override
                public void visitTypeInsn(int opcode, String type) {
                    type(type.startsWith("[") ? Type.getType(type) : Type.getObjectType(type));
                }

                @Override
                public void visitLdcInsn(Object value) {
                    if (value instanceof Type t) {
                        type(t);
                    } else if (value instanceof Handle h) {
                        handle(h);
                    }
                }

                @Override
                public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... args) {
                    type(Type.getMethodType(descriptor));
                    handle(bootstrap);
                    for (Object a : args) {
                        if (a instanceof Handle h) {
                            handle(h);
                        } else if (a instanceof Type t) {
                            type(t);
                        }
                    }
                }

                @Override
                public void visitTryCatchBlock(org.objectweb.asm.Label start, org.objectweb.asm.Label end,
                        org.objectweb.asm.Label handler, String type) {
                    if (type != null) {
                        type(Type.getObjectType(type));
                    }
                }
            };
        }
    }
}
