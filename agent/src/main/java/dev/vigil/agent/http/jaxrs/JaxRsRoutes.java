package dev.vigil.agent.http.jaxrs;

import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationList;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.description.type.TypeList;

/**
 * The route template of a JAX-RS resource method: its class's {@code @Path} joined with its own, or, for a
 * method that implements an annotated interface method, the interface's {@code @Path}s. The
 * application path (servlet mapping, {@code @ApplicationPath}) is not known here; the recorder adds the
 * request path's leading segments that the template does not cover.
 */
final class JaxRsRoutes {
    private JaxRsRoutes() {
    }

    static String template(TypeDescription type, MethodDescription method) {
        MethodDescription annotated = isResourceMethod(method) ? method : inheritedResourceMethod(type, method);
        if (annotated == null) {
            annotated = method;
        }
        String classPath = pathOf(type.getDeclaredAnnotations());
        if (classPath.isEmpty() && annotated != method) {
            // The contract is an interface (OpenAPI-generated style): its @Path is the class path.
            classPath = pathOf(annotated.getDeclaringType().asErasure().getDeclaredAnnotations());
        }
        return join(classPath, pathOf(annotated.getDeclaredAnnotations()));
    }

    /** Annotated {@code @GET}, {@code @POST}... (any annotation that is itself annotated {@code @HttpMethod}). */
    static boolean isResourceMethod(MethodDescription method) {
        for (AnnotationDescription annotation : method.getDeclaredAnnotations()) {
            for (AnnotationDescription meta : annotation.getAnnotationType().getDeclaredAnnotations()) {
                String name = meta.getAnnotationType().getName();
                if (name.equals("jakarta.ws.rs.HttpMethod") || name.equals("javax.ws.rs.HttpMethod")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The resource method of an interface that {@code method} of {@code type} implements, when {@code method}
     * carries no JAX-RS annotation itself (JAX-RS annotation inheritance: an implementation's own annotations
     * would replace all of the interface's); null if there is none.
     */
    static MethodDescription inheritedResourceMethod(TypeDescription type, MethodDescription method) {
        if (method.isStatic() || method.isConstructor() || isResourceMethod(method)) {
            return null;
        }
        TypeList parameters = method.getParameters().asTypeList().asErasures();
        for (TypeDefinition current = type; current != null;
             current = current.getSuperClass() == null ? null : current.getSuperClass().asErasure()) {
            for (TypeDescription.Generic contract : current.getInterfaces()) {
                MethodDescription found = resourceMethodOf(contract.asErasure(), method.getInternalName(), parameters, 0);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static MethodDescription resourceMethodOf(TypeDescription contract, String name, TypeList parameters, int depth) {
        for (MethodDescription candidate : contract.getDeclaredMethods()) {
            if (candidate.getInternalName().equals(name) && isResourceMethod(candidate)
                    && candidate.getParameters().asTypeList().asErasures().equals(parameters)) {
                return candidate;
            }
        }
        if (depth < 8) {
            for (TypeDescription.Generic parent : contract.getInterfaces()) {
                MethodDescription found = resourceMethodOf(parent.asErasure(), name, parameters, depth + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
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
