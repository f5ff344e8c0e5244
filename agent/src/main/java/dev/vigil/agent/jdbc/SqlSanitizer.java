package dev.vigil.agent.jdbc;

/**
 * Turns the SQL text of a JDBC call into a {@link SqlShape}: literal-free statement text, operation
 * and first table.
 *
 * <p>It runs on every JDBC execution, so it is a hand-written single-pass scanner (no regex, no
 * exceptions, no allocation beyond one builder and the result strings) and O(length) for any input.
 * It never has to understand SQL; it only has to be sure that nothing which might be a value gets
 * through. Where the dialects disagree (backslash escapes, double quotes in MySQL) it hides more
 * rather than less. The result depends only on the text, so callers may cache it per SQL string.
 */
public final class SqlSanitizer {

    /** Longer statements are cut to this many characters followed by {@code ...}. */
    public static final int MAX_STATEMENT_LENGTH = 2_000;

    /*
     * Writing stops here, which bounds the work and memory for a huge text that does not collapse.
     * Collapsing a list only removes an element when an equal one precedes it, so it can at most
     * halve what was written: anything above twice the cap keeps the first MAX_STATEMENT_LENGTH
     * characters final. It is much higher than that so that the FROM of a wide ORM SELECT (hundreds
     * of aliased columns) is still read for the table.
     */
    private static final int SCAN_LIMIT = 32 * 1024;

    static final String SELECT = "SELECT";
    static final String INSERT = "INSERT";
    static final String UPDATE = "UPDATE";
    static final String DELETE = "DELETE";
    static final String MERGE = "MERGE";
    static final String CALL = "CALL";
    static final String CREATE = "CREATE";
    static final String DROP = "DROP";
    static final String ALTER = "ALTER";
    static final String TRUNCATE = "TRUNCATE";
    static final String REPLACE = "REPLACE";
    static final String WITH = "WITH";
    static final String OTHER = "OTHER";

    private static final String[] OPERATIONS =
            {SELECT, INSERT, UPDATE, DELETE, MERGE, CALL, CREATE, DROP, ALTER, TRUNCATE, REPLACE, WITH};
    private static final String[] MAIN_AFTER_WITH = {SELECT, INSERT, UPDATE, DELETE, MERGE};
    private static final String[] FROM = {"FROM"};
    private static final String[] INTO = {"INTO"};
    private static final String[] TABLE = {"TABLE"};
    // MySQL/MariaDB modifiers, PostgreSQL ONLY, Oracle INSERT ALL: words between the verb and the table.
    private static final String[] INSERT_MODIFIERS = {"LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "IGNORE", "ALL", "INTO"};
    private static final String[] UPDATE_MODIFIERS = {"LOW_PRIORITY", "IGNORE", "ONLY"};
    private static final String[] DELETE_MODIFIERS = {"LOW_PRIORITY", "QUICK", "IGNORE"};
    private static final String[] FROM_MODIFIERS = {"ONLY", "LATERAL"};
    private static final String[] TABLE_KINDS = {"OR", "REPLACE", "GLOBAL", "LOCAL", "TEMPORARY", "TEMP",
            "UNLOGGED", "CACHED", "MEMORY", "EXTERNAL"};
    private static final String[] TABLE_CONDITIONS = {"IF", "NOT", "EXISTS", "ONLY"};

    private static final SqlShape EMPTY = new SqlShape("", OTHER, "");

    private SqlSanitizer() {
    }

    /** The shape of {@code sql}; never null, never containing a literal of {@code sql}. */
    public static SqlShape shape(String sql) {
        if (sql == null || sql.isEmpty()) {
            return EMPTY;
        }
        Scan scan = new Scan(sql, true);
        StringBuilder out = scan.run();
        if (scan.sawBackslashQuote) {
            // 'it\'s' is one string for MySQL and a string followed by code for standard SQL, and we
            // do not know the database here. Read it both ways and keep only what both readings
            // agree on: after the first point where they differ, one of them shows a literal's
            // content as code. (Picking the reading that terminates is not enough: malformed SQL
            // may terminate only in the wrong reading.)
            StringBuilder standard = new Scan(sql, false).run();
            int common = 0;
            int limit = Math.min(out.length(), standard.length());
            while (common < limit && out.charAt(common) == standard.charAt(common)) {
                common++;
            }
            if (common < out.length() || common < standard.length()) {
                while (common > 0 && isIdentPart(out.charAt(common - 1))) {
                    common--; // no half words
                }
                while (common > 0 && out.charAt(common - 1) == ' ') {
                    common--;
                }
                out.setLength(common);
                if (common == 0 || out.charAt(common - 1) != '?') {
                    out.append(common == 0 || out.charAt(common - 1) == '(' ? "?" : " ?");
                }
            }
        }

        String operation = OTHER;
        String collection = "";
        int start = statementStart(out);
        if (start >= 0) {
            int end = wordEnd(out, start);
            operation = knownOperation(out, start, end);
            if (operation == WITH) {
                // WITH a AS (...) UPDATE b ...: the statement that does the work follows the CTEs.
                int main = findWordAtDepth0(out, end, MAIN_AFTER_WITH);
                if (main < 0) {
                    operation = SELECT;
                } else {
                    start = main;
                    end = wordEnd(out, start);
                    operation = knownOperation(out, start, end);
                    collection = collectionOf(operation, out, end);
                }
            } else if (operation == null) {
                operation = plainWordUpperCase(out, start, end);
            } else {
                collection = collectionOf(operation, out, end);
            }
        }

        String statement;
        int length = out.length();
        if (length > MAX_STATEMENT_LENGTH) {
            int cut = MAX_STATEMENT_LENGTH;
            if (Character.isHighSurrogate(out.charAt(cut - 1))) {
                cut--; // never leave half a character behind
            }
            out.setLength(cut);
            statement = out.append("...").toString();
        } else if (length == sql.length() && sql.contentEquals(out)) {
            statement = sql; // already clean (typical for ORM SQL): share the caller's string
        } else {
            statement = out.toString();
        }
        return new SqlShape(statement, operation, collection);
    }

    // ---------------------------------------------------------------------------------------------
    // Operation and table, read from the sanitised text (no literals or comments left to trip over).

    private static int statementStart(CharSequence s) {
        int i = 0;
        int len = s.length();
        // "(SELECT ...) UNION ...", JDBC escapes "{call p(?)}" and "{? = call f(?)}"
        while (i < len) {
            char c = s.charAt(i);
            if (c == ' ' || c == '(' || c == '{' || c == '?' || c == '=') {
                i++;
            } else {
                break;
            }
        }
        return i < len && isIdentStart(s.charAt(i)) ? i : -1;
    }

    private static String knownOperation(CharSequence s, int start, int end) {
        for (String op : OPERATIONS) {
            if (isWord(s, start, end, op)) {
                return op;
            }
        }
        return null;
    }

    /** An unknown first word (SHOW, EXPLAIN, SET, ...) names the operation if it is a plain word. */
    private static String plainWordUpperCase(CharSequence s, int start, int end) {
        int len = end - start;
        if (len > 20) {
            return OTHER;
        }
        char[] upper = new char[len];
        for (int i = 0; i < len; i++) {
            char c = s.charAt(start + i);
            if (c >= 'a' && c <= 'z') {
                upper[i] = (char) (c - ('a' - 'A'));
            } else if (c >= 'A' && c <= 'Z') {
                upper[i] = c;
            } else {
                return OTHER;
            }
        }
        return new String(upper);
    }

    private static String collectionOf(String operation, CharSequence s, int afterVerb) {
        switch (operation) {
            case SELECT:
                return tableAfterFrom(s, afterVerb);
            case DELETE: {
                // DELETE FROM t, MySQL DELETE t1 FROM t1 JOIN t2, SQL Server DELETE t WHERE ...
                if (findWordAtDepth0(s, afterVerb, FROM) >= 0) {
                    return tableAfterFrom(s, afterVerb);
                }
                return name(s, skipWords(s, afterVerb, DELETE_MODIFIERS), false);
            }
            case INSERT:
            case REPLACE:
                return name(s, skipWords(s, afterVerb, INSERT_MODIFIERS), false);
            case MERGE:
                return name(s, skipWords(s, afterVerb, INTO), false);
            case UPDATE:
                return name(s, skipWords(s, afterVerb, UPDATE_MODIFIERS), false);
            case CREATE:
            case DROP:
            case ALTER: {
                int p = skipWords(s, afterVerb, TABLE_KINDS);
                int end = wordEnd(s, p);
                if (!isWord(s, p, end, "TABLE")) {
                    return ""; // CREATE INDEX, DROP VIEW, ...: not a table
                }
                return name(s, skipWords(s, end, TABLE_CONDITIONS), false);
            }
            case TRUNCATE:
                return name(s, skipWords(s, skipWords(s, afterVerb, TABLE), TABLE_CONDITIONS), false);
            default:
                return "";
        }
    }

    /**
     * The first table after the FROM of this query level; FROM (subquery) descends into the
     * subquery. FROM inside a select-list subquery or EXTRACT(YEAR FROM d) is one level deeper and
     * does not count.
     */
    private static String tableAfterFrom(CharSequence s, int from) {
        int len = s.length();
        int fromWord = findWordAtDepth0(s, from, FROM);
        while (fromWord >= 0) {
            int p = skipWords(s, fromWord + 4, FROM_MODIFIERS);
            if (p < len && s.charAt(p) == '(') {
                do {
                    p = skipSpaces(s, p + 1);
                } while (p < len && s.charAt(p) == '(');
                fromWord = findWordAtDepth0(s, p, FROM); // -1 for FROM (VALUES ...) and friends
                continue;
            }
            return name(s, p, true);
        }
        return "";
    }

    /**
     * Start of the first of {@code words} at parenthesis depth 0 from {@code from}, or -1 once the
     * enclosing parenthesis closes or the text ends.
     */
    private static int findWordAtDepth0(CharSequence s, int from, String[] words) {
        int len = s.length();
        int depth = 0;
        int i = from;
        while (i < len) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
                i++;
            } else if (c == ')') {
                if (depth == 0) {
                    return -1;
                }
                depth--;
                i++;
            } else if (c == '"' || c == '`') {
                i = afterQuoted(s, i, c);
            } else if (isIdentPart(c)) {
                int end = wordEnd(s, i);
                // :from, @from and t.from are a parameter and a column, not the keyword
                char before = i > 0 ? s.charAt(i - 1) : ' ';
                if (depth == 0 && before != ':' && before != '@' && before != '.') {
                    for (String w : words) {
                        if (isWord(s, i, end, w)) {
                            return i;
                        }
                    }
                }
                i = end;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** Skips spaces and any of {@code words}; returns the index of the next other token. */
    private static int skipWords(CharSequence s, int i, String[] words) {
        int len = s.length();
        while (true) {
            i = skipSpaces(s, i);
            if (i >= len || !isIdentStart(s.charAt(i))) {
                return i;
            }
            int end = wordEnd(s, i);
            boolean skipped = false;
            for (String w : words) {
                if (isWord(s, i, end, w)) {
                    skipped = true;
                    break;
                }
            }
            if (!skipped) {
                return i;
            }
            i = end;
        }
    }

    /**
     * The (possibly qualified) name at {@code p} with its quotes removed: {@code "public"."Users"}
     * gives {@code public.Users}. {@code ""} when there is no name, or, with {@code notAFunction},
     * when the name is called like a function (FROM generate_series(...)).
     */
    private static String name(CharSequence s, int p, boolean notAFunction) {
        int len = s.length();
        int start = p;
        StringBuilder unquoted = null; // only needed once a quoted part shows up
        int parts = 0;
        while (p < len) {
            char c = s.charAt(p);
            if (c == '"' || c == '`' || c == '[') {
                char close = c == '[' ? ']' : c;
                int end = afterQuoted(s, p, c);
                if (end > len || s.charAt(end - 1) != close || end - p < 2) {
                    break;
                }
                if (unquoted == null) {
                    unquoted = new StringBuilder(32).append(s, start, p);
                }
                for (int i = p + 1; i < end - 1; i++) {
                    char q = s.charAt(i);
                    unquoted.append(q);
                    if (q == close && c != '[') {
                        i++; // "" inside "..." stands for one "
                    }
                }
                p = end;
            } else if (isIdentStart(c) || c == '#') { // '#': SQL Server temporary tables
                int end = p + 1;
                while (end < len && (isIdentPart(s.charAt(end)) || s.charAt(end) == '#')) {
                    end++;
                }
                if (unquoted != null) {
                    unquoted.append(s, p, end);
                }
                p = end;
            } else {
                break;
            }
            parts++;
            if (p + 1 < len && s.charAt(p) == '.' && startsName(s.charAt(p + 1))) {
                if (unquoted != null) {
                    unquoted.append('.');
                }
                p++;
            } else {
                break;
            }
        }
        if (parts == 0) {
            return "";
        }
        if (notAFunction) {
            int next = skipSpaces(s, p);
            if (next < len && s.charAt(next) == '(') {
                return "";
            }
        }
        return unquoted != null ? unquoted.toString() : s.subSequence(start, p).toString();
    }

    private static boolean startsName(char c) {
        return isIdentStart(c) || c == '"' || c == '`' || c == '[';
    }

    /** Index after the quoted identifier opened at {@code open}, or the end of the text. */
    private static int afterQuoted(CharSequence s, int open, char quote) {
        char close = quote == '[' ? ']' : quote;
        int len = s.length();
        int i = open + 1;
        while (i < len) {
            if (s.charAt(i) == close) {
                if (close != ']' && i + 1 < len && s.charAt(i + 1) == close) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return len;
    }

    private static int skipSpaces(CharSequence s, int i) {
        int len = s.length();
        while (i < len && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static int wordEnd(CharSequence s, int i) {
        int len = s.length();
        while (i < len && isIdentPart(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Whether s[start, end) is {@code upperCaseWord}, ignoring ASCII case. */
    private static boolean isWord(CharSequence s, int start, int end, String upperCaseWord) {
        int len = upperCaseWord.length();
        if (end - start != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            char c = s.charAt(start + i);
            char w = upperCaseWord.charAt(i);
            if (c != w && !(c >= 'a' && c <= 'z' && c - ('a' - 'A') == w)) {
                return false;
            }
        }
        return true;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    // ASCII character classes by table: these two are asked about nearly every character.
    private static final byte IDENT_START = 1;
    private static final byte IDENT_PART = 2;
    private static final byte[] ASCII = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            boolean start = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            boolean part = start || isDigit(c) || c == '$';
            ASCII[c] = (byte) ((start ? IDENT_START : 0) | (part ? IDENT_PART : 0));
        }
    }

    static boolean isIdentStart(char c) {
        return c < 128 ? (ASCII[c] & IDENT_START) != 0 : Character.isLetter(c);
    }

    static boolean isIdentPart(char c) {
        return c < 128 ? (ASCII[c] & IDENT_PART) != 0 : Character.isLetterOrDigit(c);
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * One pass over the raw text that writes the sanitised statement. Whitespace is remembered as
     * {@code pendingSpace} and written only before the next token, so the output is trimmed and
     * never ends in a space.
     */
    private static final class Scan {

        // A list frame: the parenthesis after IN, or the rows after VALUES, whose equal adjacent
        // elements are dropped: IN (?, ?, ?) -> IN (?), VALUES (?, ?), (?, ?) -> VALUES (?, ?).
        private static final int IN_LIST = 1;
        private static final int VALUES_LIST = 2;
        private static final int NOT_A_LIST = 3; // IN (SELECT a, b FROM ...): its commas separate columns
        private static final int MAX_FRAMES = 16; // deeper lists are simply not collapsed
        // per frame: kind, depth of its elements, start of the current element, previous element
        private static final int KIND = 0, DEPTH = 1, ELEMENT = 2, PREV_START = 3, PREV_END = 4, STRIDE = 5;

        private final String sql;
        private final int n;
        private final boolean backslashEscapes;
        final StringBuilder out;
        boolean sawBackslashQuote;

        private boolean pendingSpace;
        private int depth;
        private int lastWordStart = -1;
        private int lastWordEnd = -1;
        private boolean lastTokenWasIn;
        private int frames;
        private int[] frame;

        Scan(String sql, boolean backslashEscapes) {
            this.sql = sql;
            this.n = sql.length();
            this.backslashEscapes = backslashEscapes;
            this.out = new StringBuilder(Math.min(n, SCAN_LIMIT) + 16);
        }

        StringBuilder run() {
            int i = 0;
            while (i < n) {
                if (out.length() > SCAN_LIMIT) {
                    break;
                }
                char c = sql.charAt(i);
                if (c <= ' ') {
                    pendingSpace = true;
                    i++;
                    continue;
                }
                char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
                switch (c) {
                    case '-':
                        if (next == '-') {
                            i = endOfLine(i + 2);
                            pendingSpace = true;
                        } else if (startsNumber(i + 1) && signIsUnary()) {
                            i++; // "= -5": the sign belongs to the literal and goes with it
                        } else {
                            punctuation(c);
                            i++;
                        }
                        break;
                    case '/':
                        if (next == '*') {
                            i = endOfBlockComment(i + 2);
                            pendingSpace = true;
                        } else {
                            punctuation(c);
                            i++;
                        }
                        break;
                    case '#':
                        // MySQL line comment, but not SQL Server #temp tables nor PostgreSQL #> #>> #-
                        if (isIdentStart(next) || next == '#' || next == '>' || next == '-') {
                            punctuation(c);
                            i++;
                        } else {
                            i = endOfLine(i + 1);
                            pendingSpace = true;
                        }
                        break;
                    case '\'':
                        i = singleQuoted(i);
                        break;
                    case '"':
                        i = doubleQuoted(i);
                        break;
                    case '`':
                        i = backticked(i);
                        break;
                    case '$':
                        i = dollar(i);
                        break;
                    case ':':
                        i = colon(i);
                        break;
                    case '(':
                        openParenthesis();
                        i++;
                        break;
                    case ')':
                        closeParenthesis();
                        i++;
                        break;
                    case ',':
                        comma();
                        i++;
                        break;
                    case '.':
                        if (isDigit(next) && !endsWithName()) {
                            i = number(i); // .5
                        } else {
                            punctuation(c);
                            i++;
                        }
                        break;
                    default:
                        if (isDigit(c)) {
                            i = number(i);
                        } else if (isIdentStart(c)) {
                            i = word(i);
                        } else if (c > 127 && (Character.isWhitespace(c) || Character.isSpaceChar(c))) {
                            pendingSpace = true;
                            i++;
                        } else {
                            punctuation(c);
                            i++;
                        }
                }
            }
            while (frames > 0) {
                closeFrame();
            }
            return out;
        }

        // --- tokens ---

        private void beginToken() {
            if (pendingSpace) {
                if (out.length() > 0) {
                    out.append(' ');
                }
                pendingSpace = false;
            }
        }

        private void punctuation(char c) {
            endValuesList(false);
            beginToken();
            out.append(c);
            lastTokenWasIn = false;
        }

        private void verbatim(int from, int to) {
            endValuesList(false);
            beginToken();
            out.append(sql, from, to);
            lastTokenWasIn = false;
        }

        private void literal() {
            endValuesList(false);
            beginToken();
            out.append('?');
            lastTokenWasIn = false;
        }

        /** Writes {@code ?} for a literal that never ends: everything after its quote is hidden. */
        private int unterminatedLiteral() {
            literal();
            return n;
        }

        private int word(int i) {
            int j = i + 1;
            while (j < n && isIdentPart(sql.charAt(j))) {
                j++;
            }
            int len = j - i;
            boolean row = len == 3 && sql.regionMatches(true, i, "ROW", 0, 3); // MySQL VALUES ROW(...), ROW(...)
            endValuesList(row);
            if (frames > 0 && frame(KIND) == IN_LIST && frame(DEPTH) == depth
                    && (isSqlWord(i, len, "SELECT") || isSqlWord(i, len, "WITH") || isSqlWord(i, len, "VALUES"))) {
                setFrame(KIND, NOT_A_LIST);
            }
            beginToken();
            lastWordStart = out.length();
            out.append(sql, i, j);
            lastWordEnd = out.length();
            lastTokenWasIn = len == 2 && isSqlWord(i, len, "IN");
            if (isSqlWord(i, len, "VALUES") || isSqlWord(i, len, "VALUE")) {
                pushFrame(VALUES_LIST);
            }
            return j;
        }

        private boolean isSqlWord(int i, int len, String word) {
            return len == word.length() && sql.regionMatches(true, i, word, 0, len);
        }

        private boolean startsNumber(int j) {
            return j < n && (isDigit(sql.charAt(j))
                    || (sql.charAt(j) == '.' && j + 1 < n && isDigit(sql.charAt(j + 1))));
        }

        private boolean signIsUnary() {
            int len = out.length();
            if (len == 0 || pendingSpace) {
                return true; // "SELECT -1", "x = -1"; a binary minus is written "a - 1" or "a-1"
            }
            return "=<>!+-*/%(,|&^~[".indexOf(out.charAt(len - 1)) >= 0;
        }

        private boolean endsWithName() {
            int len = out.length();
            if (len == 0) {
                return false;
            }
            char last = out.charAt(len - 1);
            return isIdentPart(last) || last == '"' || last == '`' || last == ']' || last == ')';
        }

        private int number(int i) {
            int j = i;
            if (sql.charAt(i) == '0' && i + 1 < n && "xXbB".indexOf(sql.charAt(i + 1)) >= 0) {
                j = i + 2; // 0xCAFE, 0b1010: the digits are swallowed below
            } else {
                while (j < n && isDigit(sql.charAt(j))) {
                    j++;
                }
                if (j < n && sql.charAt(j) == '.') {
                    j++;
                    while (j < n && isDigit(sql.charAt(j))) {
                        j++;
                    }
                }
                if (j < n && (sql.charAt(j) == 'e' || sql.charAt(j) == 'E')) {
                    int k = j + 1;
                    if (k < n && (sql.charAt(k) == '+' || sql.charAt(k) == '-')) {
                        k++;
                    }
                    if (k < n && isDigit(sql.charAt(k))) {
                        j = k;
                        while (j < n && isDigit(sql.charAt(j))) {
                            j++;
                        }
                    }
                }
            }
            // 10L, 1.5f, 2fa: whatever is glued to a number is hidden with it
            while (j < n && isIdentPart(sql.charAt(j))) {
                j++;
            }
            literal();
            return j;
        }

        private int singleQuoted(int i) {
            boolean escapeString = false;
            if (!pendingSpace && lastWordEnd == out.length() && lastWordEnd > lastWordStart) {
                // A word glued to a quote is a literal prefix: E'..' (PostgreSQL), N'..', X'..',
                // B'..', _utf8mb4'..' (MySQL introducer), q'[..]' (Oracle). Drop it with the literal.
                int len = lastWordEnd - lastWordStart;
                char w0 = out.charAt(lastWordStart);
                char w1 = len > 1 ? out.charAt(lastWordStart + 1) : ' ';
                if ((len == 1 && (w0 == 'q' || w0 == 'Q'))
                        || (len == 2 && (w0 == 'n' || w0 == 'N') && (w1 == 'q' || w1 == 'Q'))) {
                    dropLastWord();
                    return oracleQuoted(i);
                }
                if (len == 1 && (w0 == 'e' || w0 == 'E')) {
                    escapeString = true;
                    dropLastWord();
                } else if ((len == 1 && "nNbBxX".indexOf(w0) >= 0) || w0 == '_') {
                    dropLastWord();
                }
            }
            if (!escapeString && lastWordEnd == out.length() && i + 2 < n && sql.charAt(i + 1) == '\\'
                    && sql.charAt(i + 2) == '\'' && isOutWord(lastWordStart, lastWordEnd - lastWordStart, "ESCAPE")) {
                literal(); // LIKE ? ESCAPE '\' (Hibernate): standard SQL, the string is one backslash
                return i + 3;
            }
            int end = afterQuote(i + 1, '\'', escapeString || backslashEscapes, !escapeString);
            if (end < 0) {
                return unterminatedLiteral();
            }
            literal();
            return end;
        }

        private void dropLastWord() {
            out.setLength(lastWordStart);
            lastWordEnd = -1;
        }

        /** Oracle q'[...]', q'{...}', q'!...!': ends at the closing delimiter followed by a quote. */
        private int oracleQuoted(int i) {
            if (i + 1 >= n) {
                return unterminatedLiteral();
            }
            char open = sql.charAt(i + 1);
            char close = switch (open) {
                case '[' -> ']';
                case '{' -> '}';
                case '(' -> ')';
                case '<' -> '>';
                default -> open;
            };
            for (int j = i + 2; j + 1 < n; j++) {
                if (sql.charAt(j) == close && sql.charAt(j + 1) == '\'') {
                    literal();
                    return j + 2;
                }
            }
            return unterminatedLiteral();
        }

        private int doubleQuoted(int i) {
            int end = afterQuote(i + 1, '"', backslashEscapes, true);
            if (end < 0) {
                return unterminatedLiteral(); // might be a MySQL string: hide it
            }
            if (looksLikeValue(end)) {
                literal();
            } else {
                verbatim(i, end);
            }
            return end;
        }

        /**
         * Double quotes are identifiers in standard SQL but strings in MySQL/MariaDB's default mode.
         * In the places where only a value makes sense (after a comparison, in an IN list or a
         * VALUES row) and when not qualifying a name ("t".col), treat them as a value.
         */
        private boolean looksLikeValue(int end) {
            if (end < n && sql.charAt(end) == '.') {
                return false;
            }
            int len = out.length();
            if (len > 0) {
                char last = out.charAt(len - 1);
                if (last == '=' || last == '<' || last == '>') {
                    return true;
                }
                if (lastWordEnd == len) {
                    int wordLength = lastWordEnd - lastWordStart;
                    if (isOutWord(lastWordStart, wordLength, "LIKE") || isOutWord(lastWordStart, wordLength, "ILIKE")) {
                        return true;
                    }
                }
            }
            if (frames > 0) {
                int kind = frame(KIND);
                int elementDepth = frame(DEPTH);
                return (kind == IN_LIST && depth == elementDepth) || (kind == VALUES_LIST && depth == elementDepth + 1);
            }
            return false;
        }

        private boolean isOutWord(int start, int len, String word) {
            return isWord(out, start, start + len, word);
        }

        private int backticked(int i) {
            int end = afterQuote(i + 1, '`', false, false);
            if (end < 0) {
                return unterminatedLiteral();
            }
            verbatim(i, end);
            return end;
        }

        /**
         * Index after the closing quote, or -1 if the text ends first. A doubled quote stands for
         * one; with {@code backslash} a backslash escapes the next character. {@code ambiguous}
         * notes when a backslash-quote was read as an escape that standard SQL would read as the end.
         */
        private int afterQuote(int from, char quote, boolean backslash, boolean ambiguous) {
            int j = from;
            while (j < n) {
                char c = sql.charAt(j);
                if (c == '\\' && backslash) {
                    if (ambiguous && j + 1 < n && sql.charAt(j + 1) == quote) {
                        sawBackslashQuote = true;
                    }
                    j += 2;
                } else if (c == quote) {
                    if (j + 1 < n && sql.charAt(j + 1) == quote) {
                        j += 2;
                    } else {
                        return j + 1;
                    }
                } else {
                    j++;
                }
            }
            return -1;
        }

        /** $1 (a placeholder, kept), $$...$$ and $tag$...$tag$ (PostgreSQL strings, hidden). */
        private int dollar(int i) {
            int j = i + 1;
            if (j < n && isDigit(sql.charAt(j))) {
                while (j < n && isDigit(sql.charAt(j))) {
                    j++;
                }
                verbatim(i, j);
                return j;
            }
            while (j < n && sql.charAt(j) != '$' && isIdentPart(sql.charAt(j))) {
                j++;
            }
            if (j < n && sql.charAt(j) == '$') {
                String tag = sql.substring(i, j + 1);
                int close = sql.indexOf(tag, j + 1);
                if (close < 0) {
                    return unterminatedLiteral();
                }
                literal();
                return close + tag.length();
            }
            punctuation('$');
            return i + 1;
        }

        /** :: is a PostgreSQL cast, :name and :1 are placeholders; arr[1:2] is a slice of literals. */
        private int colon(int i) {
            int j = i + 1;
            if (j < n && sql.charAt(j) == ':') {
                verbatim(i, i + 2);
                return i + 2;
            }
            if (j < n && isDigit(sql.charAt(j)) && (pendingSpace || !endsWithValue())) {
                while (j < n && isDigit(sql.charAt(j))) {
                    j++;
                }
                verbatim(i, j);
                return j;
            }
            punctuation(':');
            return j;
        }

        private boolean endsWithValue() {
            int len = out.length();
            if (len == 0) {
                return false;
            }
            char last = out.charAt(len - 1);
            return isIdentPart(last) || last == '?' || last == ')' || last == ']' || last == '"';
        }

        private int endOfLine(int j) {
            while (j < n && sql.charAt(j) != '\n' && sql.charAt(j) != '\r') {
                j++;
            }
            return j;
        }

        /** PostgreSQL nests block comments; honouring that everywhere can only hide more. */
        private int endOfBlockComment(int j) {
            int nesting = 1;
            while (j < n) {
                char c = sql.charAt(j);
                char next = j + 1 < n ? sql.charAt(j + 1) : '\0';
                if (c == '*' && next == '/') {
                    j += 2;
                    if (--nesting == 0) {
                        return j;
                    }
                } else if (c == '/' && next == '*') {
                    j += 2;
                    nesting++;
                } else {
                    j++;
                }
            }
            return n;
        }

        // --- lists ---

        private void openParenthesis() {
            boolean afterIn = lastTokenWasIn;
            endValuesList(true);
            beginToken();
            out.append('(');
            depth++;
            lastTokenWasIn = false;
            if (afterIn) {
                pushFrame(IN_LIST);
            }
        }

        private void closeParenthesis() {
            boolean collapsed = false;
            while (frames > 0 && frame(DEPTH) >= depth) {
                collapsed |= closeFrame();
            }
            if (collapsed) {
                pendingSpace = false; // "(?, ? )" -> "(?)", not "(? )"
            }
            beginToken();
            out.append(')');
            if (depth > 0) {
                depth--;
            }
            lastTokenWasIn = false;
        }

        private void comma() {
            boolean listComma = frames > 0 && frame(DEPTH) == depth;
            if (listComma && finishElement()) {
                pendingSpace = false;
            }
            beginToken();
            out.append(',');
            lastTokenWasIn = false;
            if (listComma) {
                setFrame(ELEMENT, out.length());
            }
        }

        /** Anything but a row or a comma after the rows of VALUES ends them (ON DUPLICATE KEY, ;). */
        private void endValuesList(boolean rowStart) {
            if (!rowStart && frames > 0 && frame(KIND) == VALUES_LIST && frame(DEPTH) == depth) {
                closeFrame();
            }
        }

        private void pushFrame(int kind) {
            if (frames == MAX_FRAMES) {
                return;
            }
            if (frame == null) {
                frame = new int[MAX_FRAMES * STRIDE];
            }
            int base = frames * STRIDE;
            frame[base + KIND] = kind;
            frame[base + DEPTH] = depth;
            frame[base + ELEMENT] = out.length();
            frame[base + PREV_START] = -1;
            frame[base + PREV_END] = -1;
            frames++;
        }

        private int frame(int field) {
            return frame[(frames - 1) * STRIDE + field];
        }

        private void setFrame(int field, int value) {
            frame[(frames - 1) * STRIDE + field] = value;
        }

        private boolean closeFrame() {
            boolean collapsed = finishElement();
            frames--;
            return collapsed;
        }

        /** Ends the current element of the top frame; drops it if it equals the previous one. */
        private boolean finishElement() {
            if (frame(KIND) == NOT_A_LIST) {
                return false;
            }
            int end = out.length();
            int start = Math.min(frame(ELEMENT), end);
            while (start < end && out.charAt(start) == ' ') {
                start++;
            }
            if (start == end) {
                return false;
            }
            int prevStart = frame(PREV_START);
            int prevEnd = frame(PREV_END);
            if (prevStart >= 0 && sameShape(prevStart, prevEnd, start, end)) {
                out.setLength(prevEnd);
                lastWordEnd = -1;
                return true;
            }
            setFrame(PREV_START, start);
            setFrame(PREV_END, end);
            return false;
        }

        /** Equal text, except that numbered placeholders ($1 and $2, :1 and :2) count as equal. */
        private boolean sameShape(int aStart, int aEnd, int bStart, int bEnd) {
            int a = aStart;
            int b = bStart;
            while (a < aEnd && b < bEnd) {
                char ca = out.charAt(a);
                char cb = out.charAt(b);
                if (ca != cb) {
                    return false;
                }
                a++;
                b++;
                if ((ca == '$' || ca == ':') && a < aEnd && b < bEnd
                        && isDigit(out.charAt(a)) && isDigit(out.charAt(b))) {
                    while (a < aEnd && isDigit(out.charAt(a))) {
                        a++;
                    }
                    while (b < bEnd && isDigit(out.charAt(b))) {
                        b++;
                    }
                }
            }
            return a == aEnd && b == bEnd;
        }
    }
}
