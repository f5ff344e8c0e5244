package dev.vigil.agent.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The JSON pages the agent's endpoint serves and the sections of its overview page, contributed by the
 * features that own the data ({@code /vigil/queries} by JDBC, say). Each supplier is read when the page
 * is asked for, on the endpoint's thread.
 */
public final class Pages {
    private final Map<String, Supplier<Object>> json = new LinkedHashMap<>();
    private final Map<String, Supplier<Object>> overviewSections = new LinkedHashMap<>();

    /**
     * What a page's supplier may return instead of its JSON value: a page a browser gets as HTML (when
     * its {@code Accept} asks for {@code text/html}), and anything else as the JSON of {@link #json()}.
     */
    public interface Html {
        Object json();

        String html();
    }

    /** A JSON page at {@code path} ({@code /vigil/queries}); see {@link Html} for one that is also HTML. */
    public synchronized void json(String path, Supplier<Object> page) {
        json.put(path, page);
    }

    /** A section of {@code /vigil/overview.json}, under {@code name} ({@code statements}). */
    public synchronized void overviewSection(String name, Supplier<Object> section) {
        overviewSections.put(name, section);
    }

    public synchronized Map<String, Supplier<Object>> json() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(json));
    }

    public synchronized Map<String, Supplier<Object>> overviewSections() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(overviewSections));
    }
}
