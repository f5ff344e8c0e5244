package dev.vigil.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServerRequestTest {
    private static final AtomicInteger MADE = new AtomicInteger();
    // Made here, not with RequestSlot.of: the tests share a JVM with the features' own slots, and of() counts them.
    private static final RequestSlot<Object> FIRST = new RequestSlot<>(0, () -> "first-" + MADE.incrementAndGet());
    private static final RequestSlot<Object> SECOND = new RequestSlot<>(RequestSlot.MAX - 1, Object::new);

    @Test
    void threadsThatFirstUseASlotAtOnceAllGetTheOneValueAndKeepEachOthers() throws InterruptedException {
        for (int round = 0; round < 200; round++) {
            ServerRequest request = new ServerRequest(0, "GET", "/");
            CountDownLatch go = new CountDownLatch(1);
            List<Object> seen = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                RequestSlot<Object> slot = i % 2 == 0 ? FIRST : SECOND;
                Thread thread = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    seen.add(request.slot(slot));
                });
                thread.start();
                threads.add(thread);
            }
            go.countDown();
            for (Thread thread : threads) {
                thread.join(10_000);
            }

            assertThat(seen).hasSize(4).containsOnly(request.get(FIRST), request.get(SECOND));
            assertThat(request.get(FIRST)).isNotNull().isNotSameAs(request.get(SECOND));
            assertThat(request.slot(FIRST)).isSameAs(request.get(FIRST));
        }
    }

    @Test
    void aSlotNobodyUsedIsNullAndTheEndIsTakenOnce() {
        ServerRequest request = new ServerRequest(0, "GET", "/");

        assertThat(request.get(FIRST)).isNull();
        assertThat(request.ended()).isFalse();
        assertThat(request.end()).isTrue();
        assertThat(request.end()).isFalse();
        assertThat(request.ended()).isTrue();
    }
}
