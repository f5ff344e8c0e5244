package dev.vigil.agent.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SqlSanitizerTest {

    private static void assertShape(String sql, String statement, String operation, String collection) {
        SqlShape shape = SqlSanitizer.shape(sql);
        assertThat(shape.statement()).as("statement of %s", sql).isEqualTo(statement);
        assertThat(shape.operation()).as("operation of %s", sql).isEqualTo(operation);
        assertThat(shape.collection()).as("collection of %s", sql).isEqualTo(collection);
    }

    @Nested
    class HibernateAndH2 {

        @Test
        void keepsAlreadyParameterisedOrmSqlAsTheSameString() {
            String sql = "select o1_0.id,o1_0.name from owners o1_0 where o1_0.id=?";
            SqlShape shape = SqlSanitizer.shape(sql);
            assertThat(shape).isEqualTo(new SqlShape(sql, "SELECT", "owners"));
            assertThat(shape.statement()).isSameAs(sql);
        }

        @Test
        void readsHibernateDmlStatements() {
            assertShape("insert into owners (address,city,first_name,last_name,telephone,id) values (?,?,?,?,?,default)",
                    "insert into owners (address,city,first_name,last_name,telephone,id) values (?,?,?,?,?,default)",
                    "INSERT", "owners");
            assertShape("update owners set address=?,city=? where id=?",
                    "update owners set address=?,city=? where id=?", "UPDATE", "owners");
            assertShape("delete from pets where id=?", "delete from pets where id=?", "DELETE", "pets");
        }

        @Test
        void readsHibernateLikeEscapeWithALoneBackslash() {
            // Hibernate 6 writes escape '\' : a complete string in standard SQL, an open one for MySQL
            assertShape("select count(distinct o1_0.id) from owners o1_0 left join pets p1_0 on o1_0.id=p1_0.owner_id "
                            + "where o1_0.last_name like ? escape '\\' offset ? rows fetch first ? rows only",
                    "select count(distinct o1_0.id) from owners o1_0 left join pets p1_0 on o1_0.id=p1_0.owner_id "
                            + "where o1_0.last_name like ? escape ? offset ? rows fetch first ? rows only",
                    "SELECT", "owners");
        }

        @Test
        void replacesNumbersAndStringsWithPlaceholders() {
            assertShape("SELECT * FROM PUBLIC.OWNERS WHERE ID = 42 AND NAME = 'O''Brien' AND RATE > 0.25",
                    "SELECT * FROM PUBLIC.OWNERS WHERE ID = ? AND NAME = ? AND RATE > ?", "SELECT", "PUBLIC.OWNERS");
        }

        @Test
        void readsH2MergeAndDdl() {
            assertShape("MERGE INTO users KEY(id) VALUES (1, 'alice')",
                    "MERGE INTO users KEY(id) VALUES (?, ?)", "MERGE", "users");
            assertShape("CREATE TABLE IF NOT EXISTS owners (id INT PRIMARY KEY, name VARCHAR(255))",
                    "CREATE TABLE IF NOT EXISTS owners (id INT PRIMARY KEY, name VARCHAR(?))", "CREATE", "owners");
            assertShape("CREATE CACHED TABLE audit (id INT)", "CREATE CACHED TABLE audit (id INT)", "CREATE", "audit");
            assertShape("DROP TABLE IF EXISTS orders CASCADE", "DROP TABLE IF EXISTS orders CASCADE", "DROP", "orders");
            assertShape("ALTER TABLE orders ADD COLUMN note VARCHAR(20)",
                    "ALTER TABLE orders ADD COLUMN note VARCHAR(?)", "ALTER", "orders");
            assertShape("TRUNCATE TABLE logs", "TRUNCATE TABLE logs", "TRUNCATE", "logs");
            assertShape("CREATE INDEX idx_name ON owners (name)", "CREATE INDEX idx_name ON owners (name)", "CREATE", "");
        }

        @Test
        void readsJdbcCallEscapes() {
            assertShape("{call refresh_totals(?, 'eu')}", "{call refresh_totals(?, ?)}", "CALL", "");
            assertShape("{? = call next_id(?)}", "{? = call next_id(?)}", "CALL", "");
            assertShape("CALL refresh_totals(7)", "CALL refresh_totals(?)", "CALL", "");
        }
    }

    @Nested
    class PostgreSql {

        @Test
        void removesQuotesFromTheCollectionButKeepsSchemaAndCase() {
            assertShape("SELECT \"id\" FROM \"public\".\"Users\" WHERE \"email\" = $1",
                    "SELECT \"id\" FROM \"public\".\"Users\" WHERE \"email\" = $1", "SELECT", "public.Users");
            assertShape("DROP TABLE \"Audit \"\"Log\"\"\"", "DROP TABLE \"Audit \"\"Log\"\"\"", "DROP", "Audit \"Log\"");
        }

        @Test
        void hidesEscapeStringsWithBackslashQuotes() {
            assertShape("SELECT * FROM users WHERE email = E'bob\\'s@example.org' AND note = e'line\\n'",
                    "SELECT * FROM users WHERE email = ? AND note = ?", "SELECT", "users");
        }

        @Test
        void hidesDollarQuotedStrings() {
            assertShape("SELECT $$top secret$$, $body$ it's 'quoted' $$ inside $body$ FROM t",
                    "SELECT ?, ? FROM t", "SELECT", "t");
        }

        @Test
        void keepsNumberedPlaceholdersCastsAndJsonOperators() {
            String sql = "SELECT data->>'name', id::text FROM docs WHERE id = $1 AND tags ? $2 AND data #> $3 IS NOT NULL";
            assertShape(sql, "SELECT data->>?, id::text FROM docs WHERE id = $1 AND tags ? $2 AND data #> $3 IS NOT NULL",
                    "SELECT", "docs");
        }

        @Test
        void hidesAllAfterAStandardStringWhoseLastCharacterIsABackslash() {
            // MySQL would read 'C:\' AND owner = ' as one string and mallory as code; the text
            // alone cannot say which database it is for, so everything after the doubt is hidden.
            assertShape("SELECT * FROM files WHERE dir = 'C:\\' AND owner = 'mallory'",
                    "SELECT * FROM files WHERE dir = ?", "SELECT", "files");
        }

        @Test
        void removesNestedBlockComments() {
            assertShape("/* outer /* inner */ still comment 's3cret' */ SELECT 1", "SELECT ?", "SELECT", "");
        }

        @Test
        void findsTheMainStatementAfterCommonTableExpressions() {
            assertShape("WITH recent AS (SELECT * FROM orders WHERE day > '2024-01-01') UPDATE stats SET n = 3",
                    "WITH recent AS (SELECT * FROM orders WHERE day > ?) UPDATE stats SET n = ?", "UPDATE", "stats");
            assertShape("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 10), "
                            + "u AS MATERIALIZED (SELECT 2) SELECT sum(n) FROM t",
                    "WITH RECURSIVE t(n) AS (SELECT ? UNION ALL SELECT n + ? FROM t WHERE n < ?), "
                            + "u AS MATERIALIZED (SELECT ?) SELECT sum(n) FROM t",
                    "SELECT", "t");
            assertShape("WITH moved AS (DELETE FROM queue RETURNING *) INSERT INTO archive SELECT * FROM moved",
                    "WITH moved AS (DELETE FROM queue RETURNING *) INSERT INTO archive SELECT * FROM moved",
                    "INSERT", "archive");
            assertShape("WITH x AS (SELECT 1)", "WITH x AS (SELECT ?)", "SELECT", "");
        }

        @Test
        void skipsOnlyAndLateral() {
            assertShape("DELETE FROM ONLY sessions WHERE expires < now()",
                    "DELETE FROM ONLY sessions WHERE expires < now()", "DELETE", "sessions");
            assertShape("UPDATE ONLY accounts SET balance = balance - 10", "UPDATE ONLY accounts SET balance = balance - ?",
                    "UPDATE", "accounts");
            assertShape("TRUNCATE ONLY events", "TRUNCATE ONLY events", "TRUNCATE", "events");
        }

        @Test
        void doesNotTakeATableFunctionForATable() {
            assertShape("SELECT * FROM generate_series(1, 10)", "SELECT * FROM generate_series(?, ?)", "SELECT", "");
        }

        @Test
        void collapsesNumberedPlaceholderRows() {
            assertShape("INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4), ($5, $6)",
                    "INSERT INTO t (a, b) VALUES ($1, $2)", "INSERT", "t");
            assertShape("SELECT * FROM t WHERE id IN ($1, $2, $3)", "SELECT * FROM t WHERE id IN ($1)", "SELECT", "t");
        }

        @Test
        void hidesArraySliceBounds() {
            assertShape("SELECT arr[1:2], arr[3] FROM t", "SELECT arr[?:?], arr[?] FROM t", "SELECT", "t");
        }
    }

    @Nested
    class MariaDbAndMySql {

        @Test
        void keepsBacktickIdentifiersAndHidesHexLiterals() {
            assertShape("SELECT `name` FROM `shop`.`order` WHERE `id` = 0x1F AND flags = X'0A0B' AND bits = b'0101'",
                    "SELECT `name` FROM `shop`.`order` WHERE `id` = ? AND flags = ? AND bits = ?", "SELECT", "shop.order");
        }

        @Test
        void hidesStringsWithBackslashEscapes() {
            assertShape("SELECT * FROM users WHERE note = 'a\\\\' AND pw = 'p@ssw0rd'",
                    "SELECT * FROM users WHERE note = ? AND pw = ?", "SELECT", "users");
        }

        @Test
        void hidesAllAfterABackslashQuote() {
            // standard SQL would read 'O\' as a string and Brien as code: keep only what both agree on
            assertShape("SELECT * FROM users WHERE name = 'O\\'Brien' AND pw = 'p@ssw0rd' AND id = ?",
                    "SELECT * FROM users WHERE name = ?", "SELECT", "users");
            assertShape("UPDATE users SET name = 'O\\'Brien' WHERE id = 1", "UPDATE users SET name = ?", "UPDATE", "users");
        }

        @Test
        void hidesDoubleQuotedStringsWhereOnlyAValueFits() {
            assertShape("SELECT * FROM users WHERE name = \"alice\" AND city LIKE \"Par%\" AND id IN (\"a\", \"b\")",
                    "SELECT * FROM users WHERE name = ? AND city LIKE ? AND id IN (?)", "SELECT", "users");
            assertShape("INSERT INTO users VALUES (\"alice\", \"secret\")", "INSERT INTO users VALUES (?, ?)", "INSERT", "users");
        }

        @Test
        void hidesIntroducersAndNationalStrings() {
            assertShape("REPLACE INTO kv VALUES (_utf8mb4'key', N'value')", "REPLACE INTO kv VALUES (?, ?)", "REPLACE", "kv");
        }

        @Test
        void skipsModifiersBeforeTheTable() {
            assertShape("INSERT IGNORE INTO t VALUES (1)", "INSERT IGNORE INTO t VALUES (?)", "INSERT", "t");
            assertShape("INSERT LOW_PRIORITY t VALUES (1)", "INSERT LOW_PRIORITY t VALUES (?)", "INSERT", "t");
            assertShape("UPDATE LOW_PRIORITY IGNORE users SET pw = 'x' WHERE id = 7",
                    "UPDATE LOW_PRIORITY IGNORE users SET pw = ? WHERE id = ?", "UPDATE", "users");
            assertShape("DELETE t1 FROM t1 JOIN t2 ON t1.id = t2.id", "DELETE t1 FROM t1 JOIN t2 ON t1.id = t2.id",
                    "DELETE", "t1");
        }

        @Test
        void removesHashComments() {
            assertShape("SELECT 1 # the password is hunter\nFROM dual", "SELECT ? FROM dual", "SELECT", "dual");
        }

        @Test
        void collapsesRowsAndKeepsOnDuplicateKey() {
            assertShape("INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y'), (3, 'z') ON DUPLICATE KEY UPDATE b = VALUES(b)",
                    "INSERT INTO t (a, b) VALUES (?, ?) ON DUPLICATE KEY UPDATE b = VALUES(b)", "INSERT", "t");
            assertShape("INSERT INTO t VALUES ROW(1, 2), ROW(3, 4)", "INSERT INTO t VALUES ROW(?, ?)", "INSERT", "t");
        }
    }

    @Nested
    class OtherDialects {

        @Test
        void hidesOracleQuotedStrings() {
            assertShape("SELECT q'[it's a secret]', nq'{x}' FROM dual WHERE id = :1", "SELECT ?, ? FROM dual WHERE id = :1",
                    "SELECT", "dual");
        }

        @Test
        void readsSqlServerNames() {
            assertShape("SELECT * FROM [dbo].[Order Lines] WHERE id = @p1", "SELECT * FROM [dbo].[Order Lines] WHERE id = @p1",
                    "SELECT", "dbo.Order Lines");
            assertShape("SELECT * FROM #recent", "SELECT * FROM #recent", "SELECT", "#recent");
        }
    }

    @Nested
    class Literals {

        @Test
        void hidesAllKindsOfNumbers() {
            assertShape("SELECT * FROM t WHERE a = -5 AND b = 1.5e-3 AND c = .5 AND d = 1E+10 AND e = 10L AND f=-2",
                    "SELECT * FROM t WHERE a = ? AND b = ? AND c = ? AND d = ? AND e = ? AND f=?", "SELECT", "t");
        }

        @Test
        void keepsABinaryMinus() {
            assertShape("SELECT a-1, b - 2 FROM t", "SELECT a-?, b - ? FROM t", "SELECT", "t");
        }

        @Test
        void keepsIdentifiersThatContainDigits() {
            assertShape("SELECT t1.col2, o1_0.id FROM table3 t1", "SELECT t1.col2, o1_0.id FROM table3 t1", "SELECT", "table3");
        }

        @Test
        void keepsPlaceholdersAndBooleans() {
            assertShape("SELECT * FROM t WHERE a = ? AND b = :name AND c = TRUE AND d = FALSE AND e IS NULL",
                    "SELECT * FROM t WHERE a = ? AND b = :name AND c = TRUE AND d = FALSE AND e IS NULL", "SELECT", "t");
        }

        @Test
        void hidesEverythingAfterAnUnterminatedQuote() {
            assertShape("SELECT * FROM t WHERE a = 'unterminated secret AND b = 2", "SELECT * FROM t WHERE a = ?", "SELECT", "t");
            assertShape("SELECT * FROM t WHERE a = \"unterminated secret", "SELECT * FROM t WHERE a = ?", "SELECT", "t");
            assertShape("SELECT * FROM `t WHERE a = 1", "SELECT * FROM ?", "SELECT", "");
            assertShape("SELECT $tag$ secret", "SELECT ?", "SELECT", "");
            assertShape("SELECT q'[ secret", "SELECT ?", "SELECT", "");
        }

        @Test
        void dropsAnUnterminatedBlockComment() {
            assertShape("SELECT a FROM t /* secret", "SELECT a FROM t", "SELECT", "t");
        }
    }

    @Nested
    class Text {

        @Test
        void removesCommentsThatCarrySecrets() {
            assertShape("-- user alice password hunter2\nSELECT /* token=abc123 */ id FROM t -- trailing 4111111111111111",
                    "SELECT id FROM t", "SELECT", "t");
        }

        @Test
        void collapsesWhitespaceAndTrims() {
            assertShape("  SELECT\n\t*   FROM\r\n t\u00a0WHERE a =\t? ", "SELECT * FROM t WHERE a = ?", "SELECT", "t");
        }

        @Test
        void givesAnEmptyShapeForNullOrEmptyText() {
            assertThat(SqlSanitizer.shape(null)).isEqualTo(new SqlShape("", "OTHER", ""));
            assertThat(SqlSanitizer.shape("")).isEqualTo(new SqlShape("", "OTHER", ""));
            assertThat(SqlSanitizer.shape(" -- only a comment")).isEqualTo(new SqlShape("", "OTHER", ""));
        }

        @Test
        void capsTheStatementLength() {
            StringBuilder sql = new StringBuilder("SELECT ");
            for (int i = 0; i < 300; i++) { // wider than the cap, like a Hibernate entity with many columns
                sql.append("o1_0.column_").append((char) ('a' + i % 26)).append(", ");
            }
            sql.append("x FROM wide");
            SqlShape shape = SqlSanitizer.shape(sql.toString());
            assertThat(shape.statement()).hasSize(SqlSanitizer.MAX_STATEMENT_LENGTH + 3).endsWith("...")
                    .startsWith("SELECT o1_0.column_a, o1_0.column_b");
            assertThat(shape.collection()).isEqualTo("wide");
        }

        @Test
        void capsAHugeTextWithoutLeakingItsTail() {
            String sql = "SELECT " + "a + ".repeat(200_000) + "'tail secret' FROM t";
            SqlShape shape = SqlSanitizer.shape(sql);
            assertThat(shape.statement()).hasSize(SqlSanitizer.MAX_STATEMENT_LENGTH + 3).doesNotContain("secret");
        }
    }

    @Nested
    class Operations {

        @Test
        void upperCasesTheOperation() {
            assertShape("select 1", "select ?", "SELECT", "");
            assertShape("(select a from t) union (select a from u)", "(select a from t) union (select a from u)", "SELECT", "t");
        }

        @Test
        void namesAnUnknownOperationByItsFirstPlainWord() {
            assertShape("show tables", "show tables", "SHOW", "");
            assertShape("EXPLAIN ANALYZE SELECT 1", "EXPLAIN ANALYZE SELECT ?", "EXPLAIN", "");
            assertShape("sp_help 'orders'", "sp_help ?", "OTHER", "");
            assertShape("abcdefghijklmnopqrstu x", "abcdefghijklmnopqrstu x", "OTHER", "");
            assertShape("42", "?", "OTHER", "");
            assertShape("?", "?", "OTHER", "");
        }
    }

    @Nested
    class Tables {

        @Test
        void descendsIntoASubqueryInFrom() {
            assertShape("SELECT * FROM (SELECT * FROM (SELECT a FROM orders WHERE total > 100) x) y",
                    "SELECT * FROM (SELECT * FROM (SELECT a FROM orders WHERE total > ?) x) y", "SELECT", "orders");
            assertShape("SELECT * FROM ((SELECT a FROM lines)) x", "SELECT * FROM ((SELECT a FROM lines)) x", "SELECT", "lines");
        }

        @Test
        void ignoresFromOneLevelDown() {
            assertShape("SELECT (SELECT count(*) FROM b), EXTRACT(YEAR FROM d), TRIM(BOTH FROM n) FROM a WHERE x = 1",
                    "SELECT (SELECT count(*) FROM b), EXTRACT(YEAR FROM d), TRIM(BOTH FROM n) FROM a WHERE x = ?",
                    "SELECT", "a");
        }

        @Test
        void doesNotMistakeANamedParameterForFrom() {
            assertShape("SELECT :from, t.from FROM events t", "SELECT :from, t.from FROM events t", "SELECT", "events");
        }

        @Test
        void hasNoTableWithoutFrom() {
            assertShape("SELECT nextval('seq')", "SELECT nextval(?)", "SELECT", "");
            assertShape("SELECT * FROM (VALUES (1), (2)) v(x)", "SELECT * FROM (VALUES (?)) v(x)", "SELECT", "");
        }
    }

    @Nested
    class Lists {

        @Test
        void collapsesInListsOfPlaceholdersAndLiterals() {
            assertShape("SELECT * FROM t WHERE id IN (?, ?, ?) AND x NOT IN (1,2, 3) AND y in ( 'a' , 'b' )",
                    "SELECT * FROM t WHERE id IN (?) AND x NOT IN (?) AND y in ( ?)", "SELECT", "t");
        }

        @Test
        void collapsesTupleInLists() {
            assertShape("SELECT * FROM t WHERE (a, b) IN ((?, ?), (?, ?), (1, 2))",
                    "SELECT * FROM t WHERE (a, b) IN ((?, ?))", "SELECT", "t");
        }

        @Test
        void givesEveryInListLengthTheSameShape() {
            Set<String> statements = new HashSet<>();
            for (int size = 1; size <= 200; size++) {
                String list = String.join(", ", java.util.Collections.nCopies(size, "?"));
                statements.add(SqlSanitizer.shape("SELECT * FROM t WHERE id IN (" + list + ")").statement());
            }
            assertThat(statements).containsExactly("SELECT * FROM t WHERE id IN (?)");
        }

        @Test
        void keepsDifferentElementsAndSubqueries() {
            assertShape("SELECT * FROM t WHERE id IN (?, :a, ?)", "SELECT * FROM t WHERE id IN (?, :a, ?)", "SELECT", "t");
            assertShape("SELECT * FROM t WHERE id IN (SELECT a, a FROM u)", "SELECT * FROM t WHERE id IN (SELECT a, a FROM u)",
                    "SELECT", "t");
            assertShape("SELECT f(?, ?) FROM t", "SELECT f(?, ?) FROM t", "SELECT", "t");
        }

        @Test
        void collapsesAHugeMultiRowInsert() {
            StringBuilder sql = new StringBuilder("INSERT INTO events (id, name, at) VALUES ");
            for (int i = 0; i < 100_000; i++) {
                sql.append(i == 0 ? "" : ", ").append('(').append(i).append(", 'name-").append(i).append("', now())");
            }
            assertShape(sql.toString(), "INSERT INTO events (id, name, at) VALUES (?, ?, now())", "INSERT", "events");
        }

        @Test
        void collapsesRowsOfAStatementListSeparately() {
            assertShape("INSERT INTO a VALUES (1), (2); INSERT INTO b VALUES (3), (4)",
                    "INSERT INTO a VALUES (?); INSERT INTO b VALUES (?)", "INSERT", "a");
        }
    }

    /**
     * Generates SQL the way applications write it for each dialect, with a unique secret in every
     * literal and comment, and checks that no secret reaches the shape.
     */
    @Nested
    class NoLiteralSurvives {

        private static final String[] TABLES = {"owners", "public.orders", "\"Audit\"", "`shop`.`items`", "o1_0"};
        private static final String[] COLUMNS = {"id", "name", "o1_0.email", "\"createdAt\"", "`note`"};
        // Characters that confuse naive scanners, put around the secrets inside literals.
        private static final String[] NOISE = {"'", "\\", "\"", "--", "/*", "*/", "#", ";", ")", "(", ",", "\n",
                "é", " ", "$", "$$", "?", ":x", "`", "\\n", "0x", "E'"};

        private enum Dialect { STANDARD, MYSQL }

        private final Random random = new Random(20240131);
        private final List<String> secrets = new ArrayList<>();

        @Test
        void hidesEverySecretInTenThousandRandomStatements() {
            Set<String> shapes = new HashSet<>();
            for (int n = 0; n < 10_000; n++) {
                secrets.clear();
                Dialect dialect = random.nextBoolean() ? Dialect.STANDARD : Dialect.MYSQL;
                String sql = statement(dialect);
                SqlShape shape = SqlSanitizer.shape(sql);
                for (String secret : secrets) {
                    assertThat(shape.statement()).as("%s SQL %s", dialect, sql).doesNotContain(secret);
                    assertThat(shape.collection()).as("%s SQL %s", dialect, sql).doesNotContain(secret);
                }
                assertThat(shape.operation()).as("%s SQL %s", dialect, sql).isIn("SELECT", "INSERT", "UPDATE", "DELETE");
                shapes.add(shape.statement());
            }
            // Only the template choices vary the shape, never the literals or list lengths.
            assertThat(shapes.size()).isLessThan(2_000);
        }

        private String statement(Dialect d) {
            String table = pick(TABLES);
            String column = pick(COLUMNS);
            String sql = switch (random.nextInt(5)) {
                case 0 -> "SELECT " + column + ", " + pick(COLUMNS) + " FROM " + table + " WHERE " + column + " = "
                        + value(d) + " AND " + pick(COLUMNS) + " IN (" + values(d, 1 + random.nextInt(6)) + ")"
                        + comment(d);
                case 1 -> comment(d) + "INSERT INTO " + table + " (" + column + ", x) VALUES " + rows(d);
                case 2 -> "UPDATE " + table + " SET " + column + " = " + value(d) + ", y = " + value(d) + comment(d)
                        + " WHERE id = " + number();
                case 3 -> "DELETE FROM " + table + " WHERE " + column + " LIKE " + value(d) + " OR z < " + number();
                default -> "SELECT * FROM " + table + " WHERE a = " + value(d) + " AND b = '" + secret() + " never closed";
            };
            return sql;
        }

        private String rows(Dialect d) {
            StringBuilder rows = new StringBuilder();
            int count = 1 + random.nextInt(5);
            for (int i = 0; i < count; i++) {
                rows.append(i == 0 ? "" : ", ").append('(').append(values(d, 2)).append(')');
            }
            return rows.toString();
        }

        private String values(Dialect d, int count) {
            StringBuilder values = new StringBuilder();
            for (int i = 0; i < count; i++) {
                values.append(i == 0 ? "" : random.nextBoolean() ? ", " : ",").append(value(d));
            }
            return values.toString();
        }

        private String value(Dialect d) {
            int kind = random.nextInt(10);
            if (kind < 3) {
                return number();
            }
            if (kind == 3) {
                return "?";
            }
            String content = noise() + secret() + noise();
            if (d == Dialect.MYSQL) {
                return switch (kind) {
                    case 4 -> "\"" + content.replace("\\", "\\\\").replace("\"", random.nextBoolean() ? "\\\"" : "\"\"") + "\"";
                    case 5 -> "_utf8mb4'" + mysqlEscaped(content) + "'";
                    case 6 -> "X'" + Long.toHexString(secretNumber()).toUpperCase() + "'";
                    default -> "'" + mysqlEscaped(content) + "'";
                };
            }
            return switch (kind) {
                case 4 -> "E'" + content.replace("\\", "\\\\").replace("'", random.nextBoolean() ? "\\'" : "''") + "'";
                case 5 -> "$$" + content.replace("$$", "") + "$$";
                case 6 -> "$q$" + content.replace("$q$", "") + "$q$";
                case 7 -> "q'[" + content.replace("]'", "") + "]'";
                default -> "'" + content.replace("'", "''") + "'"; // backslashes stay literal
            };
        }

        private String mysqlEscaped(String content) {
            return content.replace("\\", "\\\\").replace("'", random.nextBoolean() ? "\\'" : "''");
        }

        private String comment(Dialect d) {
            return switch (random.nextInt(4)) {
                case 0 -> " -- " + secret() + noise().replace("\n", "") + "\n";
                case 1 -> " /* " + secret() + noise().replace("*/", "").replace("/*", "") + " */ ";
                case 2 -> d == Dialect.MYSQL ? " # " + secret() + "\n" : " ";
                default -> " ";
            };
        }

        private String number() {
            long secret = secretNumber();
            return switch (random.nextInt(6)) {
                case 0 -> "-" + secret;
                case 1 -> secret + "." + random.nextInt(100);
                case 2 -> secret + "e-" + random.nextInt(10);
                case 3 -> "0x" + Long.toHexString(secret);
                default -> Long.toString(secret);
            };
        }

        /** A number of at least 7 digits, remembered in decimal and hex. */
        private long secretNumber() {
            long secret = 1_000_000L + (random.nextLong() & Long.MAX_VALUE) % 9_000_000_000L;
            secrets.add(Long.toString(secret));
            String hex = Long.toHexString(secret);
            secrets.add(hex);
            secrets.add(hex.toUpperCase());
            return secret;
        }

        private String secret() {
            String secret = switch (random.nextInt(4)) {
                case 0 -> "p@ssw0rd";
                case 1 -> letters(5) + "." + letters(6) + "@" + letters(7) + ".example";
                case 2 -> Long.toString(4_000_000_000_000_000L + (random.nextLong() & Long.MAX_VALUE) % 999_999_999_999_999L);
                default -> "Sx" + letters(10);
            };
            secrets.add(secret);
            return secret;
        }

        private String letters(int count) {
            char[] chars = new char[count];
            for (int i = 0; i < count; i++) {
                chars[i] = (char) ('a' + random.nextInt(26));
            }
            return new String(chars);
        }

        private String noise() {
            StringBuilder noise = new StringBuilder();
            int count = random.nextInt(4);
            for (int i = 0; i < count; i++) {
                noise.append(pick(NOISE));
            }
            return noise.toString();
        }

        private String pick(String[] choices) {
            return choices[random.nextInt(choices.length)];
        }
    }
}
