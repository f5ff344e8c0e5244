package dev.vigil.agent.http.bridge;

import dev.vigil.agent.core.bridge.HookSlot;

/**
 * What the advice on the JDK's server sockets calls: the application accepted a connection. Used once, to
 * tell the user when the application serves but no HTTP server instrumentation sees its requests; the
 * recorder uninstalls itself after the first call, so later accepts cost one field read.
 */
public abstract class ConnectionHooks {
    public static final HookSlot<ConnectionHooks> SLOT = new HookSlot<>(new ConnectionHooks() {
    });

    /** {@code connection}: the accepted {@code Socket} or {@code SocketChannel}. */
    public void accepted(Object connection) {
    }
}
