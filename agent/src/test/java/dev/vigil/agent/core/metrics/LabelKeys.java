package dev.vigil.agent.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/**
 * Checks a recorder's label-combination key, a record whose equals and hashCode are written out (see the
 * recorders): equal labels make equal keys with one hash, and a key that differs in any one label is another.
 */
public final class LabelKeys {
    private LabelKeys() {
    }

    /** {@code labels}: one value per component of {@code key}; {@code others}: for each component, a different value. */
    public static void assertEachLabelCounts(Class<? extends Record> key, Object[] labels, Object[] others) throws Exception {
        RecordComponent[] components = key.getRecordComponents();
        Constructor<?> make = key.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));
        make.setAccessible(true);
        Object one = make.newInstance(labels);
        Object same = make.newInstance(labels.clone());
        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same);
        for (int i = 0; i < components.length; i++) {
            Object[] changed = labels.clone();
            changed[i] = others[i];
            assertThat(one).as("a key whose %s differs", components[i].getName()).isNotEqualTo(make.newInstance(changed));
            assertThat(make.newInstance(changed)).isNotEqualTo(one);
        }
        assertThat(one).isNotEqualTo(null).isNotEqualTo("a string");
    }
}
