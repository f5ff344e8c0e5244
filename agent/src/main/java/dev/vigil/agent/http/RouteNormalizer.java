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
        if (digits > 0 && letters > 0) {
            if (isKnown(path, start, end)) {
                return null; // ed25519 is all hex digits
            }
            if (hex == length && length >= 6) {
                return HASH; // short hashes: a git abbreviation (7c5ddbd), a pod's replica-set suffix
            }
            if (isIdLike(path, start, end)) {
                return ID;
            }
        }
        return null;
    }

    /**
     * Words with digits that route names use (versions, protocols, algorithms, numeronyms) against ids
     * that mix letters and digits ({@code u17WRxsf}, {@code x976}, {@code cus_9s6XKzkNRiz8i3},
     * {@code coredns-5d78c9869d-8fxq2}). The segment is read as parts between {@code - _ . : ~}; it is
     * an id when any part is one, when three or more parts hold digits (a host name, a release tag), or
 * when digits come with letters whose case flips twice or more (base64url that {@code -} and {@code _} cut up).
     *
     * <p>A part is a word when it is: letters then at most two digits ({@code v2}, {@code oauth2},
     * {@code ipv6}, {@code win64}); at most two digits then at most three letters ({@code 2fa},
     * {@code 3ds}); a numeronym ({@code i18n}, {@code k8s}, {@code a11y}, {@code e2e}); a Kubernetes
     * version ({@code v1beta1}); or a known name ({@code sha256}, {@code x509}). Letters and digits
     * in any other mix, or a digit among mixed-case letters, make an id.
     */
    private static boolean isIdLike(String path, int start, int end) {
        int partsWithDigits = 0;
        int caseChanges = 0;
        boolean upper = false;
        boolean lower = false;
        boolean cut = false;
        int part = start;
        for (int i = start; i <= end; i++) {
            if (i < end) {
                upper |= isUpper(path.charAt(i));
                lower |= path.charAt(i) >= 'a' && path.charAt(i) <= 'z';
                cut |= isSeparator(path.charAt(i));
            }
            if (i > start && i < end && isLetter(path.charAt(i)) && isLetter(path.charAt(i - 1))
                    && isUpper(path.charAt(i)) != isUpper(path.charAt(i - 1))) {
                caseChanges++;
            }
            if (i == end || isSeparator(path.charAt(i))) {
                if (i > part) {
                    int kind = partKind(path, part, i);
                    if (kind == ID_PART) {
                        return true;
                    }
                    if (kind != NO_DIGITS) {
                        partsWithDigits++;
                    }
                }
                part = i + 1;
            }
        }
        // Base64url cut by its own - and _ into word-like pieces: the case flips back and forth, and digits.
        // Words flip once at most (OAuth2, IPv6, getUser).
        // Slugs and resource names cut by - and _ are one case (kebab-case, x86_64); ids cut so are not.
        return partsWithDigits >= 3 || (partsWithDigits > 0 && (caseChanges >= 2 || (cut && upper && lower)));
    }

    private static final int NO_DIGITS = 0;
    private static final int WORD_WITH_DIGITS = 1;
    private static final int ID_PART = 2;
    /** Names with three or more digits after their letters that are words of an API, not ids. */
    private static final String[] KNOWN = {"sha224", "sha256", "sha384", "sha512", "x509", "h264", "h265",
        "ed25519", "aes128", "aes256", "rsa2048", "rsa4096", "p256", "p384", "p521", "iso8601", "rfc3339",
        "es2015", "es2016", "es2017", "es2018", "es2019", "es2020", "es2021", "es2022", "es2023", "es2024"};

    private static int partKind(String path, int start, int end) {
        // Runs of letters and of digits: "u17WRxsf" is letters 1, digits 2, letters 5.
        int runs = 0;
        int firstRun = 0;
        int secondRun = 0;
        int lastRun = 0;
        int digitRuns = 0;
        boolean upper = false;
        boolean lower = false;
        boolean hump = false; // a capital right after a small letter: camelCase, or base62
        int runStart = start;
        for (int i = start; i < end; i++) {
            char c = path.charAt(i);
            boolean isUpper = c >= 'A' && c <= 'Z';
            hump |= isUpper && i > start && path.charAt(i - 1) >= 'a' && path.charAt(i - 1) <= 'z';
            upper |= isUpper;
            lower |= c >= 'a' && c <= 'z';
            if (i + 1 == end || isDigit(path.charAt(i + 1)) != isDigit(c)) {
                int length = i + 1 - runStart;
                runs++;
                if (runs == 1) {
                    firstRun = length;
                } else if (runs == 2) {
                    secondRun = length;
                }
                lastRun = length;
                if (isDigit(c)) {
                    digitRuns++;
                }
                runStart = i + 1;
            }
        }
        boolean startsWithDigit = isDigit(path.charAt(start));
        if (digitRuns == 0) {
            return NO_DIGITS;
        }
        if (runs == 1) {
            return end - start >= 3 ? ID_PART : WORD_WITH_DIGITS; // "2024" in a slug; "15" of iphone-15-pro
        }
        if (runs == 2 && !startsWithDigit) {
            // OAuth2 and IPv6 are words; x976 and ZIfVX5 (a capital after a small letter, then digits) are not.
            return (secondRun <= 2 && !hump) || isKnown(path, start, end) ? WORD_WITH_DIGITS : ID_PART;
        }
        if (runs == 2) {
            return firstRun <= 2 && secondRun <= 3 && !(upper && lower) ? WORD_WITH_DIGITS : ID_PART; // 2fa, 3ds
        }
        if (upper && lower) {
            return ID_PART; // base62: letters of both cases around digits
        }
        if (runs == 3 && !startsWithDigit && !upper && secondRun <= 2 && firstRun == 1 && lastRun == 1) {
            return WORD_WITH_DIGITS; // i18n, l10n, k8s, a11y, e2e, b2b
        }
        return isKubernetesVersion(path, start, end) ? WORD_WITH_DIGITS : ID_PART;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSeparator(char c) {
        return c == '-' || c == '_' || c == '.' || c == ':' || c == '~';
    }

    private static boolean isKnown(String path, int start, int end) {
        for (String known : KNOWN) {
            if (known.length() == end - start && path.regionMatches(true, start, known, 0, known.length())) {
                return true;
            }
        }
        return false;
    }

    /** {@code v1alpha1}, {@code v2beta3}: v, digits, alpha or beta, digits. */
    private static boolean isKubernetesVersion(String path, int start, int end) {
        if (path.charAt(start) != 'v') {
            return false;
        }
        int i = start + 1;
        int digitsStart = i;
        while (i < end && isDigit(path.charAt(i))) {
            i++;
        }
        if (i == digitsStart || i - digitsStart > 2) {
            return false;
        }
        for (String stage : new String[] {"alpha", "beta"}) {
            if (path.startsWith(stage, i)) {
                int j = i + stage.length();
                int stageDigits = j;
                while (j < end && isDigit(path.charAt(j))) {
                    j++;
                }
                return j == end && j - stageDigits <= 2;
            }
        }
        return false;
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
