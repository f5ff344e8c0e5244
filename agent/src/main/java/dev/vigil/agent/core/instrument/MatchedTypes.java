package dev.vigil.agent.core.instrument;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * What an instrumentation's type matcher can match, said in terms a class file's header answers: a type
 * named here or a subtype of one, a type annotated with one of {@link #annotations()} or a subtype of
 * one, or a type whose constant pool holds one of {@link #constants()} (a method descriptor it declares or
 * calls) or a subtype of one. The start-up pre-filter ({@link ClassHeaderFilter}) lets only such classes
 * reach Byte Buddy's matchers; the rest (nearly all of an application's classes) are turned away after
 * reading their header.
 * Saying more than the matcher matches costs a little start-up; saying less loses instrumentation, which
 * every integration test would show.
 */
public final class MatchedTypes {
    /** Cannot be said from a header: every class goes to Byte Buddy's matchers, for every instrumentation. */
    public static final MatchedTypes ANY = new MatchedTypes(null, Set.of(), Set.of());

    private final Set<String> names;
    private final Set<String> annotations;
    private final Set<String> constants;

    private MatchedTypes(Set<String> names, Set<String> annotations, Set<String> constants) {
        this.names = names;
        this.annotations = annotations;
        this.constants = constants;
    }

    /** The types named (binary names, {@code java.sql.Statement}) and their subtypes. */
    public static MatchedTypes named(String... typeNames) {
        return new MatchedTypes(Set.copyOf(Arrays.asList(typeNames)), Set.of(), Set.of());
    }

    /** The same, from a collection. */
    public static MatchedTypes named(Collection<String> typeNames) {
        return new MatchedTypes(Set.copyOf(typeNames), Set.of(), Set.of());
    }

    /** These, and the types annotated with one of {@code annotationTypes}, and their subtypes. */
    public MatchedTypes orAnnotatedWith(String... annotationTypes) {
        if (isAny()) {
            return this;
        }
        Set<String> all = new HashSet<>(annotations);
        all.addAll(Arrays.asList(annotationTypes));
        return new MatchedTypes(names, Set.copyOf(all), constants);
    }

    /**
     * These, and the types whose constant pool holds one of {@code utf8} verbatim (a method descriptor such as
     * {@code (Ljava/lang/String;)Ljava/sql/ResultSet;}), and their subtypes. A class that calls such a method holds
     * it too, so the instrumentation's matcher must still say which of them it wants.
     */
    public MatchedTypes orHolding(String... utf8) {
        if (isAny()) {
            return this;
        }
        Set<String> all = new HashSet<>(constants);
        all.addAll(Arrays.asList(utf8));
        return new MatchedTypes(names, annotations, Set.copyOf(all));
    }

    public boolean isAny() {
        return names == null;
    }

    public Set<String> names() {
        return names == null ? Set.of() : names;
    }

    public Set<String> annotations() {
        return annotations;
    }

    public Set<String> constants() {
        return constants;
    }

    /** Everything that any of {@code each} matches; {@link #ANY} if one of them is. */
    public static MatchedTypes union(Collection<MatchedTypes> each) {
        Set<String> names = new HashSet<>();
        Set<String> annotations = new HashSet<>();
        Set<String> constants = new HashSet<>();
        for (MatchedTypes types : each) {
            if (types.isAny()) {
                return ANY;
            }
            names.addAll(types.names);
            annotations.addAll(types.annotations);
            constants.addAll(types.constants);
        }
        return new MatchedTypes(Set.copyOf(names), Set.copyOf(annotations), Set.copyOf(constants));
    }
}
