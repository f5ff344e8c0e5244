package dev.vigil.agent.endpoint;

/**
 * Keeps exemplars only on {@code _bucket} and {@code _total} lines of OpenMetrics output. Micrometer also
 * puts one on each histogram's {@code _count}, which the OpenMetrics spec allows but Prometheus before
 * 2.43 (Debian 12's, for one) rejects, dropping the whole scrape ("does not support exemplars"). A trace
 * link per bucket is what Grafana shows; the one on {@code _count} adds nothing.
 */
final class OpenMetricsExemplars {
    private static final String EXEMPLAR = " # {";

    private OpenMetricsExemplars() {
    }

    static String keepOnBucketsAndCounters(String exposition) {
        if (!exposition.contains(EXEMPLAR)) {
            return exposition;
        }
        StringBuilder out = new StringBuilder(exposition.length());
        int start = 0;
        while (start < exposition.length()) {
            int end = exposition.indexOf('\n', start);
            if (end < 0) {
                end = exposition.length();
            }
            int exemplar = exposition.indexOf(EXEMPLAR, afterLabels(exposition, start, end));
            if (exemplar >= 0 && exemplar < end && !exemplarAllowed(exposition, start)) {
                out.append(exposition, start, exemplar);
            } else {
                out.append(exposition, start, end);
            }
            if (end < exposition.length()) {
                out.append('\n');
            }
            start = end + 1;
        }
        return out.toString();
    }

    /** Where the label set of the line ends, so that a label value containing " # {" is never taken for an exemplar. */
    private static int afterLabels(String exposition, int lineStart, int lineEnd) {
        int i = lineStart;
        while (i < lineEnd && exposition.charAt(i) != '{' && exposition.charAt(i) != ' ') {
            i++;
        }
        if (i >= lineEnd || exposition.charAt(i) != '{') {
            return i;
        }
        boolean quoted = false;
        for (i++; i < lineEnd; i++) {
            char c = exposition.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '}' && !quoted) {
                return i + 1;
            }
        }
        return lineEnd;
    }

    private static boolean exemplarAllowed(String exposition, int lineStart) {
        int nameEnd = lineStart;
        while (nameEnd < exposition.length() && exposition.charAt(nameEnd) != '{' && exposition.charAt(nameEnd) != ' ') {
            nameEnd++;
        }
        String name = exposition.substring(lineStart, nameEnd);
        return name.endsWith("_bucket") || name.endsWith("_total");
    }
}
