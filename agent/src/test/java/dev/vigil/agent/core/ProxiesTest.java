package dev.vigil.agent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

class ProxiesTest {

    @Test
    void aProxyAnswersObjectsMethodsByIdentityAndItsName() {
        Runnable proxy = (Runnable) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Runnable.class},
                (self, method, args) -> Proxies.isObjectMethod(method) ? Proxies.objectMethod(self, method, args, "VigilTask") : null);
        Runnable other = (Runnable) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Runnable.class},
                (self, method, args) -> Proxies.objectMethod(self, method, args, "VigilTask"));

        assertThat(proxy.hashCode()).isEqualTo(System.identityHashCode(proxy));
        assertThat(proxy).isEqualTo(proxy).isNotEqualTo(other);
        assertThat(proxy.toString()).isEqualTo("VigilTask");
    }

    @Test
    void aForwardedCallThrowsWhatTheTargetThrew() throws Throwable {
        Callable<String> fails = () -> {
            throw new IOException("the target's own");
        };
        assertThatThrownBy(() -> Proxies.forward(Callable.class.getMethod("call"), fails))
                .isInstanceOf(IOException.class).hasMessage("the target's own");
        Callable<String> answers = () -> "answer";
        assertThat(Proxies.forward(Callable.class.getMethod("call"), answers)).isEqualTo("answer");
    }
}
