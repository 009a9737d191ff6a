package io.persimmon.tools;

import io.persimmon.tools.dump.InsertValues;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the statements of a script on one connection: an INSERT of literal rows as a batch of its
 * prepared form ({@link InsertValues}; the prepared statements are kept, one per table and column
 * list), anything else as written.
 */
final class ScriptRunner implements AutoCloseable {
    private final Connection connection;
    private final Statement statement;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    ScriptRunner(Connection connection) throws SQLException {
        this.connection = connection;
        this.statement = connection.createStatement();
    }

    /** Runs one statement; returns its update count (rows inserted by an INSERT). */
    long run(String sql) throws SQLException {
        InsertValues insert = InsertValues.of(sql);
        if (insert == null) {
            return statement.executeLargeUpdate(sql);
        }
        PreparedStatement p = prepared.get(insert.preparedSql());
        if (p == null) {
            p = connection.prepareStatement(insert.preparedSql());
            prepared.put(insert.preparedSql(), p);
        }
        for (Object[] row : insert.rows()) {
            for (int i = 0; i < row.length; i++) {
                if (row[i] == null) {
                    p.setNull(i + 1, Types.NULL);
                } else {
                    p.setObject(i + 1, row[i]);
                }
            }
            p.addBatch();
        }
        long rows = 0;
        for (long n : p.executeLargeBatch()) {
            rows += n;
        }
        return rows;
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement p : prepared.values()) {
            p.close();
        }
        statement.close();
    }
}
