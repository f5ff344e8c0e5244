package dev.vigil.agent.jdbc.ownership;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which module a class belongs to. Declared ({@code modules:} in {@code vigil.yaml}): the module whose
 * package prefix is the longest that matches. Inferred: the package directly under the application's main
 * package ({@code com.shop.orders.OrderService} is {@code orders} when the main class is
 * {@code com.shop.ShopApp}). A class in no module (a framework's, the agent's, or one directly in the main
 * package, where the wiring lives) is null: the stack walk passes over it.
 */
public final class Modules {
    private final List<Module> declared;
    private final List<String[]> prefixes = new ArrayList<>(); // {prefix + ".", module}, longest first
    private final String basePackage;
    private final Map<String, String> declaredOwners = new HashMap<>();

    private Modules(List<Module> declared, String basePackage) {
        this.declared = List.copyOf(declared);
        this.basePackage = basePackage;
        for (Module module : declared) {
            for (String prefix : module.packages()) {
                prefixes.add(new String[] {prefix + ".", module.name()});
            }
            for (String table : module.tables()) {
                declaredOwners.putIfAbsent(table, module.name());
            }
        }
        prefixes.sort(Comparator.comparingInt((String[] p) -> p[0].length()).reversed());
    }

    /** The modules of {@code vigil.yaml}; the main package is not needed. */
    public static Modules declared(List<Module> modules) {
        return new Modules(modules, null);
    }

    /** Modules inferred from the packages under {@code basePackage} (null or empty: none can be told). */
    public static Modules inferred(String basePackage) {
        return new Modules(List.of(), basePackage == null || basePackage.isBlank() ? null : basePackage.strip());
    }

    public boolean isDeclared() {
        return !declared.isEmpty();
    }

    /** The main package modules are inferred under; null when declared or unknown. */
    public String basePackage() {
        return basePackage;
    }

    /** Whether any class can belong to a module at all. */
    public boolean knowsAny() {
        return isDeclared() || basePackage != null;
    }

    /** The module of the class named {@code className}, or null if it is in none. */
    public String moduleOf(String className) {
        if (isGenerated(className) || className.startsWith("dev.vigil.agent.")) {
            return null;
        }
        if (isDeclared()) {
            for (String[] prefix : prefixes) {
                if (className.startsWith(prefix[0])) {
                    return prefix[1];
                }
            }
            return null;
        }
        if (basePackage == null || !className.startsWith(basePackage) || className.length() <= basePackage.length()
                || className.charAt(basePackage.length()) != '.') {
            return null;
        }
        int start = basePackage.length() + 1;
        int dot = className.indexOf('.', start);
        return dot < 0 ? null : className.substring(start, dot); // no dot: a class of the main package itself
    }

    /** The owner {@code vigil.yaml} gives {@code table}, or null. */
    public String declaredOwner(String table) {
        return declaredOwners.get(table);
    }

    public List<Module> declaredModules() {
        return declared;
    }

    /**
     * Proxies and generated subclasses carry the application's package but are not its code: Spring's
     * CGLIB ({@code $$SpringCGLIB$$}), Hibernate's lazy proxies ({@code $HibernateProxy$}), Byte Buddy's,
     * JDK proxies and lambdas' hidden classes ({@code $$Lambda}).
     */
    static boolean isGenerated(String className) {
        return className.contains("$$") || className.contains("$HibernateProxy") || className.contains("$ByteBuddy")
                || className.startsWith("jdk.proxy") || className.startsWith("com.sun.proxy.");
    }
}
