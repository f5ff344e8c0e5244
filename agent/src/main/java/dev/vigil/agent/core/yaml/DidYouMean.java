package dev.vigil.agent.core.yaml;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Suggests the known key closest to a misspelt one, within a few edits. */
public final class DidYouMean {
    static final int MAX_DISTANCE = 3;

    private DidYouMean() {
    }

    /** "; did you mean vigil.metrics.port?" or "" when nothing is close enough. */
    public static String suffix(String unknown, Collection<String> known) {
        return closest(unknown, known).map(k -> "; did you mean " + k + "?").orElse("");
    }

    public static Optional<String> closest(String unknown, Collection<String> known) {
        String best = null;
        int bestDistance = MAX_DISTANCE + 1;
        for (String candidate : known) {
            // Case-insensitive, so that vigil.Metrics.Port is pointed at the right spelling.
            int d = distance(unknown.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Optimal string alignment distance: Levenshtein plus adjacent swaps, so "prot" is one edit from "port". */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
