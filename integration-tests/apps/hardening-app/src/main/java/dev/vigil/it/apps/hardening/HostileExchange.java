package dev.vigil.it.apps.hardening;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * The exchange of {@link PlainHttpServer}. It always lets a handler answer (status, body); what else it
 * does depends on its {@link Mode}.
 */
final class HostileExchange extends HttpExchange {

    /** How the exchange misbehaves; chosen by the last segment of the request's path. */
    enum Mode {
        /** Behaves. */
        FINE,
        /** {@code getRequestHeaders()} throws. */
        HEADERS,
        /** {@code getRequestHeaders()} returns headers whose {@code getFirst} throws. */
        HEADER_VALUES,
        /** {@code getRequestURI()} throws. */
        URI,
        /** {@code getRequestMethod()} returns null. */
        METHOD,
        /** {@code getResponseCode()} throws. */
        STATUS,
        /** All of the above, and {@code toString}, {@code hashCode}, {@code equals} and the attributes throw too. */
        EVERYTHING,
        /** Behaves; the handler throws an exception that fails when looked at. */
        THROWING_HANDLER,
        /** Behaves; the handler throws an exception whose message carries the query string. */
        SECRET_MESSAGE
    }

    private final Mode mode;
    private final String method;
    private final URI uri;
    private final Headers requestHeaders;
    private final Headers responseHeaders = new Headers();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status = -1;

    HostileExchange(Mode mode, String method, URI uri) {
        this.mode = mode;
        this.method = method;
        this.uri = uri;
        this.requestHeaders = mode == Mode.HEADER_VALUES || mode == Mode.EVERYTHING ? new HostileHeaders() : new Headers();
    }

    Mode mode() {
        return mode;
    }

    String query() {
        return uri.getRawQuery();
    }

    int status() {
        return status;
    }

    byte[] body() {
        return body.toByteArray();
    }

    private boolean is(Mode misbehaviour) {
        return mode == misbehaviour || mode == Mode.EVERYTHING;
    }

    private static RuntimeException hostile() {
        return new UnsupportedOperationException("not available on this exchange");
    }

    @Override
    public Headers getRequestHeaders() {
        if (mode == Mode.HEADERS) {
            throw hostile();
        }
        return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        if (is(Mode.URI)) {
            throw hostile();
        }
        return uri;
    }

    @Override
    public String getRequestMethod() {
        return is(Mode.METHOD) ? null : method;
    }

    @Override
    public HttpContext getHttpContext() {
        throw hostile();
    }

    @Override
    public void close() {
        // nothing to release: the server writes the answer
    }

    @Override
    public InputStream getRequestBody() {
        return InputStream.nullInputStream();
    }

    @Override
    public OutputStream getResponseBody() {
        return body;
    }

    @Override
    public void sendResponseHeaders(int code, long length) {
        status = code;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        throw hostile();
    }

    @Override
    public int getResponseCode() {
        if (is(Mode.STATUS)) {
            throw hostile();
        }
        return status;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        throw hostile();
    }

    @Override
    public String getProtocol() {
        return "HTTP/1.1";
    }

    @Override
    public Object getAttribute(String name) {
        if (mode == Mode.EVERYTHING) {
            throw hostile();
        }
        return null;
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (mode == Mode.EVERYTHING) {
            throw hostile();
        }
    }

    @Override
    public void setStreams(InputStream in, OutputStream out) {
        throw hostile();
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return null;
    }

    @Override
    public String toString() {
        if (mode == Mode.EVERYTHING) {
            throw hostile();
        }
        return "HostileExchange[" + mode + "]";
    }

    @Override
    public int hashCode() {
        if (mode == Mode.EVERYTHING) {
            throw hostile();
        }
        return super.hashCode();
    }

    @Override
    public boolean equals(Object other) {
        if (mode == Mode.EVERYTHING) {
            throw hostile();
        }
        return this == other;
    }

    /** Request headers that throw when asked for a value. */
    private static final class HostileHeaders extends Headers {
        @Override
        public String getFirst(String key) {
            throw hostile();
        }
    }
}
