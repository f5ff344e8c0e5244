package dev.vigil.it.apps.hardening;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * A JDBC connection implemented by the application (a test double, a proxy of its own, an in-house
 * driver): it hands out {@link HostileStatement}s and throws from everything else, including
 * {@code getMetaData}, {@code toString}, {@code hashCode} and {@code equals}, which an agent might be
 * tempted to call to find out what database this is.
 */
final class HostileConnection implements Connection {
    private boolean closed;

    static RuntimeException hostile() {
        return new UnsupportedOperationException("this connection only executes statements");
    }

    @Override
    public Statement createStatement() {
        return new HostileStatement(null);
    }

    @Override
    public PreparedStatement prepareStatement(String sql) {
        return new HostileStatement(sql);
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
    public DatabaseMetaData getMetaData() {
        throw hostile();
    }

    @Override
    public void setAutoCommit(boolean autoCommit) {
        throw hostile();
    }

    @Override
    public boolean getAutoCommit() {
        throw hostile();
    }

    @Override
    public void commit() {
        throw hostile();
    }

    @Override
    public void rollback() {
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

    // --- the rest of java.sql.Connection: not for the agent to call ---

    @Override
    public <T> T unwrap(Class<T> a0) {
        throw hostile();
    }

    @Override
    public Array createArrayOf(String a0, Object[] a1) {
        throw hostile();
    }

    @Override
    public Blob createBlob() {
        throw hostile();
    }

    @Override
    public CallableStatement prepareCall(String a0) {
        throw hostile();
    }

    @Override
    public CallableStatement prepareCall(String a0, int a1, int a2) {
        throw hostile();
    }

    @Override
    public CallableStatement prepareCall(String a0, int a1, int a2, int a3) {
        throw hostile();
    }

    @Override
    public Clob createClob() {
        throw hostile();
    }

    @Override
    public Map<String, Class<?>> getTypeMap() {
        throw hostile();
    }

    @Override
    public NClob createNClob() {
        throw hostile();
    }

    @Override
    public PreparedStatement prepareStatement(String a0, String[] a1) {
        throw hostile();
    }

    @Override
    public PreparedStatement prepareStatement(String a0, int a1) {
        throw hostile();
    }

    @Override
    public PreparedStatement prepareStatement(String a0, int a1, int a2) {
        throw hostile();
    }

    @Override
    public PreparedStatement prepareStatement(String a0, int a1, int a2, int a3) {
        throw hostile();
    }

    @Override
    public PreparedStatement prepareStatement(String a0, int[] a1) {
        throw hostile();
    }

    @Override
    public Properties getClientInfo() {
        throw hostile();
    }

    @Override
    public SQLWarning getWarnings() {
        throw hostile();
    }

    @Override
    public SQLXML createSQLXML() {
        throw hostile();
    }

    @Override
    public Savepoint setSavepoint() {
        throw hostile();
    }

    @Override
    public Savepoint setSavepoint(String a0) {
        throw hostile();
    }

    @Override
    public Statement createStatement(int a0, int a1) {
        throw hostile();
    }

    @Override
    public Statement createStatement(int a0, int a1, int a2) {
        throw hostile();
    }

    @Override
    public String getCatalog() {
        throw hostile();
    }

    @Override
    public String getClientInfo(String a0) {
        throw hostile();
    }

    @Override
    public String getSchema() {
        throw hostile();
    }

    @Override
    public String nativeSQL(String a0) {
        throw hostile();
    }

    @Override
    public Struct createStruct(String a0, Object[] a1) {
        throw hostile();
    }

    @Override
    public boolean isReadOnly() {
        throw hostile();
    }

    @Override
    public boolean isValid(int a0) {
        throw hostile();
    }

    @Override
    public boolean isWrapperFor(Class<?> a0) {
        throw hostile();
    }

    @Override
    public int getHoldability() {
        throw hostile();
    }

    @Override
    public int getNetworkTimeout() {
        throw hostile();
    }

    @Override
    public int getTransactionIsolation() {
        throw hostile();
    }

    @Override
    public void abort(Executor a0) {
        throw hostile();
    }

    @Override
    public void clearWarnings() {
        throw hostile();
    }

    @Override
    public void releaseSavepoint(Savepoint a0) {
        throw hostile();
    }

    @Override
    public void rollback(Savepoint a0) {
        throw hostile();
    }

    @Override
    public void setCatalog(String a0) {
        throw hostile();
    }

    @Override
    public void setClientInfo(Properties a0) {
        throw hostile();
    }

    @Override
    public void setClientInfo(String a0, String a1) {
        throw hostile();
    }

    @Override
    public void setHoldability(int a0) {
        throw hostile();
    }

    @Override
    public void setNetworkTimeout(Executor a0, int a1) {
        throw hostile();
    }

    @Override
    public void setReadOnly(boolean a0) {
        throw hostile();
    }

    @Override
    public void setSchema(String a0) {
        throw hostile();
    }

    @Override
    public void setTransactionIsolation(int a0) {
        throw hostile();
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> a0) {
        throw hostile();
    }}
