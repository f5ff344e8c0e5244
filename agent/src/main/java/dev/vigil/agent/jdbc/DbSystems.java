package dev.vigil.agent.jdbc;

/**
 * {@code db_system_name} from the driver's package. Read from the innermost statement of a call, so
 * a pool's proxy (HikariCP) still reports the database behind it. Names follow the OpenTelemetry
 * semantic conventions.
 */
final class DbSystems {
    private static final String[][] PREFIXES = {
            {"org.h2.", "h2"},
            {"org.postgresql.", "postgresql"},
            {"org.mariadb.", "mariadb"},
            {"com.mysql.", "mysql"},
            {"oracle.jdbc.", "oracle"},
            // R2DBC drivers, where their package is not the JDBC driver's
            {"io.r2dbc.postgresql.", "postgresql"},
            {"io.r2dbc.h2.", "h2"},
            {"io.asyncer.r2dbc.mysql.", "mysql"},
            {"dev.miku.r2dbc.mysql.", "mysql"},
            {"io.r2dbc.mssql.", "microsoft.sql_server"},
            {"oracle.r2dbc.", "oracle"},
            // Vert.x SQL clients (Quarkus' reactive ones): named from the client's driver
            {"io.vertx.pgclient.", "postgresql"},
            {"io.vertx.mysqlclient.", "mysql"},
            {"io.vertx.mssqlclient.", "microsoft.sql_server"},
            {"io.vertx.oracleclient.", "oracle"},
            {"io.vertx.db2client.", "db2"},
            {"com.microsoft.sqlserver.", "microsoft.sql_server"},
            {"org.sqlite.", "sqlite"},
            {"org.hsqldb.", "hsqldb"},
            {"org.apache.derby.", "derby"},
            {"com.ibm.db2.", "db2"},
    };
    static final String OTHER = "other_sql";

    private static final ClassValue<String> BY_CLASS = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return of(type.getName());
        }
    };

    private DbSystems() {
    }

    static String of(Class<?> statementClass) {
        return BY_CLASS.get(statementClass);
    }

    static String of(String className) {
        for (String[] prefix : PREFIXES) {
            if (className.startsWith(prefix[0])) {
                return prefix[1];
            }
        }
        return OTHER;
    }
}
