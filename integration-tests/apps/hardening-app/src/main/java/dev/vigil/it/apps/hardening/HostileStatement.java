package dev.vigil.it.apps.hardening;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * A statement of {@link HostileConnection}: it executes anything (a statement containing {@code FAIL}
 * fails with a {@link HostileSqlException}) and throws from everything else: {@code getConnection},
 * {@code toString}, {@code hashCode}, {@code equals}, {@code unwrap}, the warnings.
 */
final class HostileStatement implements PreparedStatement {
    private final String preparedSql;
    private int batched;
    private boolean closed;

    HostileStatement(String preparedSql) {
        this.preparedSql = preparedSql;
    }

    private static RuntimeException hostile() {
        return HostileConnection.hostile();
    }

    private static void run(String sql) throws SQLException {
        if (sql != null && sql.contains("FAIL")) {
            throw new HostileSqlException();
        }
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        run(sql);
        return false;
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        run(sql);
        return null;
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        run(sql);
        return 1;
    }

    @Override
    public boolean execute() throws SQLException {
        run(preparedSql);
        return false;
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        run(preparedSql);
        return null;
    }

    @Override
    public int executeUpdate() throws SQLException {
        run(preparedSql);
        return 1;
    }

    @Override
    public void addBatch(String sql) {
        batched++;
    }

    @Override
    public void addBatch() {
        batched++;
    }

    @Override
    public int[] executeBatch() {
        int[] counts = new int[batched];
        batched = 0;
        return counts;
    }

    @Override
    public void clearBatch() {
        batched = 0;
    }

    @Override
    public void setInt(int index, int value) {
        // accepted, not used
    }

    @Override
    public void setString(int index, String value) {
        // accepted, not used
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public Connection getConnection() {
        throw hostile();
    }

    @Override
    public String toString() {
        throw hostile();
    }

    @Override
    public int hashCode() {
        throw hostile();
    }

    @Override
    public boolean equals(Object other) {
        throw hostile();
    }

    // --- the rest of java.sql.PreparedStatement: not for the agent to call ---

    @Override
    public <T> T unwrap(Class<T> a0) {
        throw hostile();
    }

    @Override
    public ParameterMetaData getParameterMetaData() {
        throw hostile();
    }

    @Override
    public ResultSet getGeneratedKeys() {
        throw hostile();
    }

    @Override
    public ResultSet getResultSet() {
        throw hostile();
    }

    @Override
    public ResultSetMetaData getMetaData() {
        throw hostile();
    }

    @Override
    public SQLWarning getWarnings() {
        throw hostile();
    }

    @Override
    public boolean execute(String a0, String[] a1) {
        throw hostile();
    }

    @Override
    public boolean execute(String a0, int a1) {
        throw hostile();
    }

    @Override
    public boolean execute(String a0, int[] a1) {
        throw hostile();
    }

    @Override
    public boolean getMoreResults() {
        throw hostile();
    }

    @Override
    public boolean getMoreResults(int a0) {
        throw hostile();
    }

    @Override
    public boolean isCloseOnCompletion() {
        throw hostile();
    }

    @Override
    public boolean isPoolable() {
        throw hostile();
    }

    @Override
    public boolean isWrapperFor(Class<?> a0) {
        throw hostile();
    }

    @Override
    public int executeUpdate(String a0, String[] a1) {
        throw hostile();
    }

    @Override
    public int executeUpdate(String a0, int a1) {
        throw hostile();
    }

    @Override
    public int executeUpdate(String a0, int[] a1) {
        throw hostile();
    }

    @Override
    public int getFetchDirection() {
        throw hostile();
    }

    @Override
    public int getFetchSize() {
        throw hostile();
    }

    @Override
    public int getMaxFieldSize() {
        throw hostile();
    }

    @Override
    public int getMaxRows() {
        throw hostile();
    }

    @Override
    public int getQueryTimeout() {
        throw hostile();
    }

    @Override
    public int getResultSetConcurrency() {
        throw hostile();
    }

    @Override
    public int getResultSetHoldability() {
        throw hostile();
    }

    @Override
    public int getResultSetType() {
        throw hostile();
    }

    @Override
    public int getUpdateCount() {
        throw hostile();
    }

    @Override
    public void cancel() {
        throw hostile();
    }

    @Override
    public void clearParameters() {
        throw hostile();
    }

    @Override
    public void clearWarnings() {
        throw hostile();
    }

    @Override
    public void closeOnCompletion() {
        throw hostile();
    }

    @Override
    public void setArray(int a0, Array a1) {
        throw hostile();
    }

    @Override
    public void setAsciiStream(int a0, InputStream a1) {
        throw hostile();
    }

    @Override
    public void setAsciiStream(int a0, InputStream a1, int a2) {
        throw hostile();
    }

    @Override
    public void setAsciiStream(int a0, InputStream a1, long a2) {
        throw hostile();
    }

    @Override
    public void setBigDecimal(int a0, BigDecimal a1) {
        throw hostile();
    }

    @Override
    public void setBinaryStream(int a0, InputStream a1) {
        throw hostile();
    }

    @Override
    public void setBinaryStream(int a0, InputStream a1, int a2) {
        throw hostile();
    }

    @Override
    public void setBinaryStream(int a0, InputStream a1, long a2) {
        throw hostile();
    }

    @Override
    public void setBlob(int a0, Blob a1) {
        throw hostile();
    }

    @Override
    public void setBlob(int a0, InputStream a1) {
        throw hostile();
    }

    @Override
    public void setBlob(int a0, InputStream a1, long a2) {
        throw hostile();
    }

    @Override
    public void setBoolean(int a0, boolean a1) {
        throw hostile();
    }

    @Override
    public void setByte(int a0, byte a1) {
        throw hostile();
    }

    @Override
    public void setBytes(int a0, byte[] a1) {
        throw hostile();
    }

    @Override
    public void setCharacterStream(int a0, Reader a1) {
        throw hostile();
    }

    @Override
    public void setCharacterStream(int a0, Reader a1, int a2) {
        throw hostile();
    }

    @Override
    public void setCharacterStream(int a0, Reader a1, long a2) {
        throw hostile();
    }

    @Override
    public void setClob(int a0, Clob a1) {
        throw hostile();
    }

    @Override
    public void setClob(int a0, Reader a1) {
        throw hostile();
    }

    @Override
    public void setClob(int a0, Reader a1, long a2) {
        throw hostile();
    }

    @Override
    public void setCursorName(String a0) {
        throw hostile();
    }

    @Override
    public void setDate(int a0, Date a1) {
        throw hostile();
    }

    @Override
    public void setDate(int a0, Date a1, Calendar a2) {
        throw hostile();
    }

    @Override
    public void setDouble(int a0, double a1) {
        throw hostile();
    }

    @Override
    public void setEscapeProcessing(boolean a0) {
        throw hostile();
    }

    @Override
    public void setFetchDirection(int a0) {
        throw hostile();
    }

    @Override
    public void setFetchSize(int a0) {
        throw hostile();
    }

    @Override
    public void setFloat(int a0, float a1) {
        throw hostile();
    }

    @Override
    public void setLong(int a0, long a1) {
        throw hostile();
    }

    @Override
    public void setMaxFieldSize(int a0) {
        throw hostile();
    }

    @Override
    public void setMaxRows(int a0) {
        throw hostile();
    }

    @Override
    public void setNCharacterStream(int a0, Reader a1) {
        throw hostile();
    }

    @Override
    public void setNCharacterStream(int a0, Reader a1, long a2) {
        throw hostile();
    }

    @Override
    public void setNClob(int a0, NClob a1) {
        throw hostile();
    }

    @Override
    public void setNClob(int a0, Reader a1) {
        throw hostile();
    }

    @Override
    public void setNClob(int a0, Reader a1, long a2) {
        throw hostile();
    }

    @Override
    public void setNString(int a0, String a1) {
        throw hostile();
    }

    @Override
    public void setNull(int a0, int a1) {
        throw hostile();
    }

    @Override
    public void setNull(int a0, int a1, String a2) {
        throw hostile();
    }

    @Override
    public void setObject(int a0, Object a1) {
        throw hostile();
    }

    @Override
    public void setObject(int a0, Object a1, int a2) {
        throw hostile();
    }

    @Override
    public void setObject(int a0, Object a1, int a2, int a3) {
        throw hostile();
    }

    @Override
    public void setPoolable(boolean a0) {
        throw hostile();
    }

    @Override
    public void setQueryTimeout(int a0) {
        throw hostile();
    }

    @Override
    public void setRef(int a0, Ref a1) {
        throw hostile();
    }

    @Override
    public void setRowId(int a0, RowId a1) {
        throw hostile();
    }

    @Override
    public void setSQLXML(int a0, SQLXML a1) {
        throw hostile();
    }

    @Override
    public void setShort(int a0, short a1) {
        throw hostile();
    }

    @Override
    public void setTime(int a0, Time a1) {
        throw hostile();
    }

    @Override
    public void setTime(int a0, Time a1, Calendar a2) {
        throw hostile();
    }

    @Override
    public void setTimestamp(int a0, Timestamp a1) {
        throw hostile();
    }

    @Override
    public void setTimestamp(int a0, Timestamp a1, Calendar a2) {
        throw hostile();
    }

    @Override
    public void setURL(int a0, URL a1) {
        throw hostile();
    }

    @Override
    public void setUnicodeStream(int a0, InputStream a1, int a2) {
        throw hostile();
    }}
