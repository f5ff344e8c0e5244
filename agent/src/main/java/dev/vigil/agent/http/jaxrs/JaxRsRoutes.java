package dev.vigil.agent.http.jaxrs;

import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationList;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;

/**
 * The route template of a JAX-RS resource method: its class's {@code @Path} joined with its own. The
 * application path (servlet mapping, {@code @ApplicationPath}) is not known here; the recorder adds the
 * request path's leading segments that the template does not cover.
 */
final class JaxRsRoutes {
    private JaxRsRoutes() {
    }

    static String template(TypeDescription type, MethodDescription method) {
        String classPath = pathOf(type.getDeclaredAnnotations());
        String methodPath = pathOf(method.getDeclaredAnnotations());
        return join(classPath, methodPath);
    }

    static String join(String classPath, String methodPath) {
        StringBuilder route = new StringBuilder();
        for (String part : new String[] {classPath, methodPath}) {
            if (part == null || part.isEmpty()) {
                continue;
            }
            String trimmed = part.strip();
            if (!trimmed.startsWith("/")) {
                route.append('/');
            }
            route.append(trimmed.endsWith("/") && trimmed.length() > 1 ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
        }
        String joined = route.toString().replace("//", "/");
        return joined.isEmpty() ? "/" : withoutRegexes(joined);
    }

    /** {@code {id: [0-9]+}} -> {@code {id}}: the regex is an implementation detail, and long. */
    private static String withoutRegexes(String template) {
        if (template.indexOf(':') < 0) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length());
        int depth = 0;
        boolean skipping = false;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{') {
                depth++;
                if (depth == 1) {
                    skipping = false;
                    out.append(c);
                    continue;
                }
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    skipping = false;
                    out.append(c);
                    continue;
                }
            } else if (c == ':' && depth == 1) {
                skipping = true;
            }
            if (!skipping) {
                out.append(c == ' ' && depth == 1 ? "" : String.valueOf(c));
            }
        }
        return out.toString();
    }

    private static String pathOf(AnnotationList annotations) {
        for (AnnotationDescription annotation : annotations) {
            String name = annotation.getAnnotationType().getName();
            if (name.equals("jakarta.ws.rs.Path") || name.equals("javax.ws.rs.Path")) {
                Object value = annotation.getValue("value").resolve();
                return value == null ? "" : value.toString();
            }
        }
        return "";
    }
}
