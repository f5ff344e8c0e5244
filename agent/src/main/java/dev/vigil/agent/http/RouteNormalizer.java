package dev.vigil.agent.http;

/**
 * Turns a raw request path into an {@code http_route} label when no framework template is known:
 * {@code /users/42/orders/0b9f...} becomes {@code /users/{id}/orders/{uuid}}.
 *
 * <p>It runs on every request that has no template, so it is a hand-written scanner: one pass,
 * no regex, and no allocation at all when the path is already a route (every segment is kept and
 * the slashes are in order), which covers the brief's fast path (no digits, short plain segments)
 * and also paths such as {@code /api/v2/orders}. The hard cap on distinct routes lives with the
 * caller; this class only has to make one route out of the many paths that differ by an id.
 */
public final class RouteNormalizer {

    static final String ROOT = "/";
    static final String ID = "{id}";
    static final String UUID = "{uuid}";
    static final String HASH = "{hash}";
    static final String TOKEN = "{token}";
    /** Deeper paths end in this after {@link #MAX_SEGMENTS} segments. */
    static final String DEEPER = "/...";
    static final int MAX_SEGMENTS = 8;
    static final int MAX_SEGMENT_LENGTH = 64;

    private RouteNormalizer() {
    }

    /** The route for {@code path}; query string and fragment are cut off. Never null. */
    public static String normalize(String path) {
        if (path == null) {
            return ROOT;
        }
        int end = path.length();
        for (int i = 0; i < end; i++) {
            char c = path.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        StringBuilder out = null; // created on the first difference from the input
        int same = 0;             // while out == null, the route so far is path[0, same)
        int segments = 0;
        int i = 0;
        while (true) {
            while (i < end && path.charAt(i) == '/') {
                i++;
            }
            if (i >= end) {
                break;
            }
            int start = i;
            int parameters = -1;
            while (i < end && path.charAt(i) != '/') {
                if (parameters < 0 && path.charAt(i) == ';') {
                    parameters = i;
                }
                i++;
            }
            // Path parameters are never part of a route: Tomcat leaves ";jsessionid=..." in the URI.
            int contentEnd = parameters < 0 ? i : parameters;
            if (contentEnd == start) {
                if (out == null) {
                    out = copy(path, same, end);
                }
                continue;
            }
            if (segments == MAX_SEGMENTS) {
                if (out == null) {
                    out = copy(path, same, end);
                }
                out.append(DEEPER);
                break;
            }
            segments++;
            String replacement = classify(path, start, contentEnd);
            if (out == null) {
                if (replacement == null && contentEnd == i && same == start - 1) {
                    same = i; // exactly one slash before an unchanged segment: still the input
                    continue;
                }
                out = copy(path, same, end);
            }
            out.append('/');
            if (replacement != null) {
                out.append(replacement);
            } else {
                out.append(path, start, contentEnd);
            }
        }
        if (out != null) {
            return out.length() == 0 ? ROOT : out.toString();
        }
        if (same == 0) {
            return ROOT;
        }
        return same == path.length() ? path : path.substring(0, same); // trailing slash or query cut
    }

    private static StringBuilder copy(String path, int same, int end) {
        return new StringBuilder(end + 16).append(path, 0, same);
    }

    /**
     * What replaces the segment path[start, end), or null to keep it. Segments made only of ASCII
     * letters (no digits) shorter than 21 characters are always kept, which is what makes the
     * common path allocation-free.
     */
    static String classify(String path, int start, int end) {
        int length = end - start;
        if (length > MAX_SEGMENT_LENGTH) {
            return TOKEN;
        }
        int digits = 0;
        int lower = 0;
        int upper = 0;
        int hex = 0;
        int lastDot = -1;
        for (int i = start; i < end; i++) {
            char c = path.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
                hex++;
            } else if (c >= 'a' && c <= 'z') {
                lower++;
                if (c <= 'f') {
                    hex++;
                }
            } else if (c >= 'A' && c <= 'Z') {
                upper++;
                if (c <= 'F') {
                    hex++;
                }
            } else if (c == '-' || c == '_' || c == '.' || c == ':' || c == '~') {
                if (c == '.') {
                    lastDot = i;
                }
            } else {
                // '=', '%', '@', ',', '+', quotes, non-ASCII...: encoded or user-typed text, a value
                return TOKEN;
            }
        }
        int letters = lower + upper;
        if (digits == length) {
            return ID;
        }
        if (length == 36 && isUuid(path, start)) {
            return UUID;
        }
        if (letters == 0 && digits > 0) {
            return ID; // 2024-01-31, 10:30, 1.2.3, 555-0100
        }
        if (hex == length && length >= 16 && digits > 0) {
            return HASH; // requiring a digit keeps a word like "acceptedfeedback" a word
        }
        if (lastDot > start && isExtension(path, lastDot + 1, end)) {
            String stem = classify(path, start, lastDot);
            if (stem != null) {
                return stem + path.substring(lastDot, end); // /orders/123.json -> /orders/{id}.json
            }
        }
        if (digits > 0 && letters > 0) {
            if (length >= 20) {
                return TOKEN;
            }
            if (length >= 8 && digits * 5 >= length * 2) {
                return TOKEN; // digits are at least 40%: ORD-2024-000123, ab12cd34
            }
        }
        // A long token that happened to draw no digit (3% of 20-character base64url ones) still
        // mixes the cases about evenly; route words are lower case, kebab-case or camelCase, whose
        // capitals stay well under a quarter of the letters.
        if (length > 20 && letters > 0 && upper * 4 >= letters && lower * 4 >= letters) {
            return TOKEN;
        }
        return null;
    }

    private static boolean isExtension(String path, int start, int end) {
        int length = end - start;
        if (length < 1 || length > 5) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = path.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return false;
            }
        }
        return true;
    }

    /** 8-4-4-4-12 hex digits, any case. */
    private static boolean isUuid(String path, int start) {
        for (int k = 0; k < 36; k++) {
            char c = path.charAt(start + k);
            if (k == 8 || k == 13 || k == 18 || k == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
