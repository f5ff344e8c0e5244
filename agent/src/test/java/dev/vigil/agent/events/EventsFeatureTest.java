package dev.vigil.agent.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.core.config.VigilConfig;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import dev.vigil.agent.events.method.MethodInstrumentation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the events feature instruments is known before it starts, except what extensions name when they install. */
class EventsFeatureTest {
    @TempDir
    Path folder;

    @Test
    void methodsNamedInTheYamlAreInstrumentedWithoutStartingFirst() throws IOException {
        VigilConfig config = withYaml("""
                events:
                  order.placed: { method: "com.example.OrderService#placeOrder" }
                """, Map.of());
        EventsFeature feature = new EventsFeature();

        List<TypeInstrumentation> instrumentations = feature.instrumentations(config);

        assertThat(feature.instrumentsOnlyOnceStarted(config)).isFalse();
        assertThat(instrumentations).filteredOn(MethodInstrumentation.class::isInstance).singleElement()
                .satisfies(method -> assertThat(method.matchedTypes().names()).containsExactly("com.example.OrderService"));
    }

    @Test
    void anExtensionStartsTheFeaturesFirstForItNamesItsMethodsWhenItInstalls() throws IOException {
        VigilConfig config = withYaml("events: {}\n", Map.of("vigil.extensions", folder.resolve("extension.jar").toString()));
        EventsFeature feature = new EventsFeature();

        List<TypeInstrumentation> instrumentations = feature.instrumentations(config);

        assertThat(feature.instrumentsOnlyOnceStarted(config)).isTrue();
        assertThat(instrumentations).anyMatch(MethodInstrumentation.class::isInstance);
    }

    @Test
    void withoutMethodsNorExtensionsNoMethodIsInstrumented() throws IOException {
        VigilConfig config = withYaml("events: {}\n", Map.of());

        assertThat(new EventsFeature().instrumentations(config)).noneMatch(MethodInstrumentation.class::isInstance);
    }

    private VigilConfig withYaml(String yaml, Map<String, String> more) throws IOException {
        Path file = Files.writeString(folder.resolve("vigil.yaml"), yaml);
        Map<String, String> properties = new HashMap<>(more);
        properties.put("vigil.config", file.toString());
        return VigilConfig.load(properties, Map.of());
    }
}
