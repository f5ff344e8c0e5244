package dev.vigil.agent.jdbc.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The columns a statement filters, joins and sorts a table by, read from its sanitised text (no literal
 * is in it), to suggest the index that would spare a full scan of that table: the columns compared for
 * equality first (in {@code WHERE} and {@code JOIN ... ON}), then one compared by range, then the
 * {@code ORDER BY} columns. It reads the text only as far as it needs and gives up (no suggestion) on
 * anything it does not follow; a wrong index is worse than none.
 */
final class SqlColumns {
    private static final Set<String> CLAUSE_END = Set.of("GROUP", "ORDER", "LIMIT", "FETCH", "OFFSET", "FOR",
            "UNION", "HAVING", "WINDOW", "INTERSECT", "EXCEPT", "RETURNING");
    private static final Set<String> NOT_ALIASES = Set.of("WHERE", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS",
            "ON", "USING", "NATURAL", "OUTER", "GROUP", "ORDER", "LIMIT", "FETCH", "OFFSET", "FOR", "UNION", "HAVING",
            "SET", "VALUES", "WINDOW", "AS");
    private static final Set<String> EQUALITY = Set.of("=", "IN", "IS");
    private static final Set<String> RANGE = Set.of("<", ">", "<=", ">=", "BETWEEN", "LIKE");
    private static final int MAX_COLUMNS = 3;

    private final List<String> tokens;
    /** alias or table name, upper case, -> table as written. */
    private final Map<String, String> tables = new LinkedHashMap<>();

    private SqlColumns(List<String> tokens) {
        this.tokens = tokens;
        readTables();
    }

    static SqlColumns of(String statement) {
        return new SqlColumns(tokenize(statement));
    }

    /** {@code CREATE INDEX events_kind_idx ON events (kind)}, or null when no column of {@code table} is known. */
    String suggestIndex(String table) {
        List<String> columns = indexColumns(table);
        if (columns.isEmpty()) {
            return null;
        }
        String bare = unquoted(table.substring(table.lastIndexOf('.') + 1));
        String name = (bare + "_" + String.join("_", columns) + "_idx").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return "CREATE INDEX " + name + " ON " + table + " (" + String.join(", ", columns) + ")";
    }

    /** The index's columns for {@code table}, in index order: equality, one range, then ORDER BY. */
    List<String> indexColumns(String table) {
        Set<String> equality = new LinkedHashSet<>();
        Set<String> range = new LinkedHashSet<>();
        Set<String> order = new LinkedHashSet<>();
        boolean inWhere = false;
        boolean inOn = false;
        boolean inOrder = false;
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            String upper = token.toUpperCase(Locale.ROOT);
            if (token.equals("(")) {
                depth++;
                continue;
            }
            if (token.equals(")")) {
                depth--;
                continue;
            }
            if (depth > 0) {
                continue;
            }
            switch (upper) {
                case "WHERE" -> { inWhere = true; inOn = false; inOrder = false; continue; }
                case "ON" -> { inOn = true; continue; }
                case "JOIN" -> { inOn = false; continue; }
                case "ORDER" -> { inWhere = false; inOn = false; inOrder = i + 1 < tokens.size()
                        && tokens.get(i + 1).equalsIgnoreCase("BY"); continue; }
                default -> { }
            }
            if (CLAUSE_END.contains(upper)) {
                inWhere = false;
                inOn = false;
                inOrder = false;
                continue;
            }
            if (!isIdentifier(token)) {
                continue;
            }
            String column = columnOf(token, table);
            if (column == null) {
                continue;
            }
            if (inOrder) {
                order.add(column);
            } else if (inWhere || inOn) {
                String operator = i + 1 < tokens.size() ? tokens.get(i + 1).toUpperCase(Locale.ROOT) : "";
                String previous = i > 0 ? tokens.get(i - 1) : "";
                if (EQUALITY.contains(operator) || (operator.equals("NOT") && i + 2 < tokens.size()
                        && tokens.get(i + 2).equalsIgnoreCase("IN"))) {
                    equality.add(column);
                } else if (RANGE.contains(operator)) {
                    range.add(column);
                } else if (previous.equals("=")) {
                    equality.add(column); // ... ON other.id = events.owner_id
                }
            }
        }
        List<String> columns = new ArrayList<>(equality);
        if (!range.isEmpty() && columns.size() < MAX_COLUMNS) {
            columns.add(range.iterator().next());
        } else if (range.isEmpty()) {
            for (String column : order) {
                if (columns.size() < MAX_COLUMNS && !columns.contains(column)) {
                    columns.add(column);
                }
            }
        }
        return columns.size() > MAX_COLUMNS ? columns.subList(0, MAX_COLUMNS) : columns;
    }

    /** The column of {@code token} if it belongs to {@code table}: qualified by its name or alias, or bare when it is the only table. */
    private String columnOf(String token, String table) {
        if (NOT_ALIASES.contains(token.toUpperCase(Locale.ROOT)) || isKeyword(token)) {
            return null;
        }
        int dot = token.lastIndexOf('.');
        if (dot < 0) {
            Set<String> distinct = tables();
            return distinct.size() == 1 && sameTable(distinct.iterator().next(), table) ? unquoted(token) : null;
        }
        String qualifier = unquoted(token.substring(0, dot)).toUpperCase(Locale.ROOT);
        String owner = tables.get(qualifier);
        return owner != null && sameTable(owner, table) ? unquoted(token.substring(dot + 1)) : null;
    }

    private static boolean sameTable(String written, String table) {
        String a = unquoted(written).toUpperCase(Locale.ROOT);
        String b = unquoted(table).toUpperCase(Locale.ROOT);
        return a.equals(b) || a.endsWith("." + b) || b.endsWith("." + a);
    }

    private void readTables() {
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (token.equals("(")) {
                depth++;
            } else if (token.equals(")")) {
                depth--;
            } else if (depth == 0 && (token.equalsIgnoreCase("FROM") || token.equalsIgnoreCase("JOIN"))) {
                int at = i + 1;
                while (at < tokens.size()) {
                    if (at >= tokens.size() || !isIdentifier(tokens.get(at))) {
                        break;
                    }
                    String table = tokens.get(at);
                    tables.put(unquoted(table).toUpperCase(Locale.ROOT), table);
                    int next = at + 1;
                    if (next < tokens.size() && tokens.get(next).equalsIgnoreCase("AS")) {
                        next++;
                    }
                    if (next < tokens.size() && isIdentifier(tokens.get(next))
                            && !NOT_ALIASES.contains(tokens.get(next).toUpperCase(Locale.ROOT))) {
                        tables.put(unquoted(tokens.get(next)).toUpperCase(Locale.ROOT), table);
                        next++;
                    }
                    if (next < tokens.size() && tokens.get(next).equals(",")) {
                        at = next + 1; // FROM a, b
                    } else {
                        break;
                    }
                }
            }
        }
        // Bare table names also qualify their columns: events.kind
        Map<String, String> byName = new LinkedHashMap<>();
        for (String table : tables.values()) {
            String bare = unquoted(table.substring(table.lastIndexOf('.') + 1)).toUpperCase(Locale.ROOT);
            byName.putIfAbsent(bare, table);
        }
        // A table now has several keys (its alias, its bare name); tables() gives each table once.
        byName.forEach(tables::putIfAbsent);
    }

    /** The table as the statement writes it, for its name or alias {@code nameOrAlias}; null when unknown. */
    String tableFor(String nameOrAlias) {
        return nameOrAlias == null ? null : tables.get(unquoted(nameOrAlias).toUpperCase(Locale.ROOT));
    }

    /** Distinct tables the statement reads. */
    Set<String> tables() {
        return new LinkedHashSet<>(tables.values());
    }

    private static boolean isIdentifier(String token) {
        char c = token.charAt(0);
        return Character.isLetter(c) || c == '_' || c == '"' || c == '`' || c == '[';
    }

    private static boolean isKeyword(String token) {
        return switch (token.toUpperCase(Locale.ROOT)) {
            case "AND", "OR", "NOT", "NULL", "IS", "IN", "LIKE", "BETWEEN", "SELECT", "DISTINCT", "FROM", "BY", "ASC",
                 "DESC", "TRUE", "FALSE", "EXISTS", "CASE", "WHEN", "THEN", "ELSE", "END", "NULLS", "FIRST", "LAST",
                 "LOWER", "UPPER", "COUNT", "SUM", "MIN", "MAX", "AVG", "COALESCE", "ANY", "ALL", "ILIKE" -> true;
            default -> false;
        };
    }

    private static String unquoted(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '"' && c != '`' && c != '[' && c != ']') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Words (with their dots and quotes), {@code ?}, operators and punctuation. */
    static List<String> tokenize(String sql) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_' || c == '"' || c == '`' || c == '[') {
                int start = i;
                while (i < n) {
                    char d = sql.charAt(i);
                    if (d == '"' || d == '`' || d == '[') {
                        char close = d == '[' ? ']' : d;
                        int end = sql.indexOf(close, i + 1);
                        i = end < 0 ? n : end + 1;
                    } else if (Character.isLetterOrDigit(d) || d == '_' || d == '$' || d == '.') {
                        i++;
                    } else {
                        break;
                    }
                }
                tokens.add(sql.substring(start, i));
            } else if (c == '<' || c == '>' || c == '!') {
                int start = i++;
                if (i < n && (sql.charAt(i) == '=' || sql.charAt(i) == '>')) {
                    i++;
                }
                tokens.add(sql.substring(start, i));
            } else {
                tokens.add(String.valueOf(c));
                i++;
            }
        }
        return tokens;
    }
}
