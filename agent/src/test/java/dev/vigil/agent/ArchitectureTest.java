package dev.vigil.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.vigil.agent.core.Feature;
import dev.vigil.agent.core.FeatureApi;
import dev.vigil.agent.core.config.Setting;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The layout docs/ARCHITECTURE.md describes, checked: one package per feature, a core that depends on no
 * feature, features that meet only through {@link FeatureApi} types, thin advice, and bridges the
 * bootstrap class loader can hold.
 */
class ArchitectureTest {
    private static final String AGENT = "dev.vigil.agent";
    private static final JavaClasses AGENT_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(AGENT);
    /** The top-level packages that are features; every other one is the core or a command (alerts, cli). */
    private static final Set<String> FEATURES = AgentRuntime.features().stream()
            .map(feature -> topLevelPackage(feature.getClass().getName())).collect(Collectors.toSet());

    @Test
    void noCycleBetweenPackages() {
        slices().matching(AGENT + ".(*)..").should().beFreeOfCycles().check(AGENT_CLASSES);
    }

    @Test
    void theCoreDependsOnNoFeature() {
        noClasses().that().resideInAPackage(AGENT + ".core..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES.stream().map(f -> AGENT + "." + f + "..")
                        .toArray(String[]::new))
                .check(AGENT_CLASSES);
    }

    @Test
    void nothingImportsTheCompositionRoot() {
        noClasses().that().resideOutsideOfPackage(AGENT)
                .should().dependOnClassesThat().resideInAPackage(AGENT)
                .check(AGENT_CLASSES);
    }

    @Test
    void aFeatureUsesAnotherOnlyThroughItsFeatureApiTypes() {
        classes().that(inAFeature()).should(new ArchCondition<>("use other features only through @FeatureApi types") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                String own = topLevelPackage(type.getName());
                for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    String other = topLevelPackage(target.getName());
                    if (FEATURES.contains(other) && !other.equals(own) && !isApi(target)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()
                                + ", which is not a @FeatureApi type of feature " + other));
                    }
                }
            }
        }).check(AGENT_CLASSES);
    }

    @Test
    void adviceCallsNothingOfTheAgentButItsFeaturesHooks() {
        classes().that().haveSimpleNameEndingWith("Advice").and().resideOutsideOfPackage(AGENT + ".shaded..")
                .should(new ArchCondition<>("call only their feature's bridge (hooks) and their own annotations") {
                    @Override
                    public void check(JavaClass advice, ConditionEvents events) {
                        String bridge = AGENT + "." + topLevelPackage(advice.getName()) + ".bridge";
                        for (Dependency dependency : advice.getDirectDependenciesFromSelf()) {
                            JavaClass target = dependency.getTargetClass();
                            boolean agentClass = target.getName().startsWith(AGENT + ".");
                            boolean allowed = !agentClass || target.getPackageName().equals(bridge)
                                    || target.getPackageName().equals(AGENT + ".core.bridge")
                                    || target.equals(advice)
                                    || (target.isAnnotation() && target.getPackageName().equals(advice.getPackageName()));
                            if (!allowed) {
                                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                            }
                        }
                    }
                }).check(AGENT_CLASSES);
    }

    @Test
    void bridgesUseOnlyJavaBaseSoTheBootstrapLoaderCanHoldThem() {
        classes().that().resideInAPackage(AGENT + "..bridge")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", AGENT + "..bridge")
                .check(AGENT_CLASSES);
    }

    @Test
    void everyFeatureHasASwitchNamedAfterIt() {
        List<Feature> features = AgentRuntime.features();
        for (Feature feature : features) {
            assertThat(Setting.switchOf(feature.name())).as("vigil." + feature.name() + ".enabled in Setting").isPresent();
        }
        assertThat(features.stream().map(Feature::name).distinct()).hasSameSizeAs(features);
    }

    @Test
    void everyInstrumentationNamesTheTypesItMatchesForTheStartUpPreFilter() {
        classes().that().implement(TypeInstrumentation.class).and().areNotInterfaces()
                .should(new ArchCondition<>("declare matchedTypes(), or every class loaded goes through Byte Buddy") {
                    @Override
                    public void check(JavaClass type, ConditionEvents events) {
                        boolean declares = type.getMethods().stream().anyMatch(method -> method.getName().equals("matchedTypes")
                                && method.getOwner().equals(type));
                        if (!declares) {
                            events.add(SimpleConditionEvent.violated(type, type.getName() + " does not declare matchedTypes()"));
                        }
                    }
                })
                .check(AGENT_CLASSES);
    }

    private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> inAFeature() {
        return com.tngtech.archunit.base.DescribedPredicate.describe("are in a feature",
                type -> FEATURES.contains(topLevelPackage(type.getName())));
    }

    private static boolean isApi(JavaClass type) {
        JavaClass outer = type;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer.isAnnotatedWith(FeatureApi.class);
    }

    /** {@code http} for {@code dev.vigil.agent.http.servlet.ServletInstrumentation}; empty for the root. */
    private static String topLevelPackage(String className) {
        if (!className.startsWith(AGENT + ".")) {
            return "";
        }
        String rest = className.substring(AGENT.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? "" : rest.substring(0, dot);
    }
}
