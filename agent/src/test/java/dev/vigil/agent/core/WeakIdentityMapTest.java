package dev.vigil.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WeakIdentityMapTest {

    @Test
    void findsAValueByTheObjectsIdentityNotItsEquals() {
        WeakIdentityMap<String> map = new WeakIdentityMap<>();
        String statement = new String("SELECT 1");
        String equalButOther = new String("SELECT 1");

        map.put(statement, "shape");

        assertThat(map.get(statement)).isEqualTo("shape");
        assertThat(map.get(equalButOther)).isNull();
        assertThat(map.remove(equalButOther)).isNull();
        assertThat(map.remove(statement)).isEqualTo("shape");
        assertThat(map.get(statement)).isNull();
        assertThat(map.isEmpty()).isTrue();
    }

    @Test
    void aLookupOnOneThreadNeverAnswersForAnother() throws InterruptedException {
        WeakIdentityMap<Integer> map = new WeakIdentityMap<>();
        Object[] keys = new Object[100];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new Object();
            map.put(keys[i], i);
        }
        Thread[] threads = new Thread[4];
        boolean[] wrong = new boolean[1];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int round = 0; round < 2_000; round++) {
                    int i = round % keys.length;
                    Integer value = map.get(keys[i]);
                    if (value == null || value != i) {
                        wrong[0] = true;
                    }
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertThat(wrong[0]).isFalse();
    }

    @Test
    void aConditionalRemoveLeavesAValuePutSince() {
        WeakIdentityMap<Object> map = new WeakIdentityMap<>();
        Object key = new Object();
        Object first = new Object();
        Object second = new Object();
        map.put(key, first);
        map.put(key, second);

        assertThat(map.remove(key, first)).isFalse();
        assertThat(map.get(key)).isSameAs(second);
        assertThat(map.remove(key, second)).isTrue();
        assertThat(map.get(key)).isNull();
    }
}
