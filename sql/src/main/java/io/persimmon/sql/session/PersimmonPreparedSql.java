package io.persimmon.sql.session;

import io.persimmon.sql.api.ColumnInfo;
import io.persimmon.sql.api.ParameterInfo;
import io.persimmon.sql.api.PreparedSql;
import io.persimmon.sql.api.SqlResult;
import io.persimmon.sql.plan.PersimmonPlan;

import java.sql.SQLException;
import java.util.List;

/**
 * A statement prepared in a session: a shared {@link PersimmonPlan}, found again in the cache if
 * DDL has changed the schema since.
 */
final class PersimmonPreparedSql implements PreparedSql {
    private final PersimmonSession session;
    private final String sql;
    private PersimmonPlan plan;

    PersimmonPreparedSql(PersimmonSession session, String sql, PersimmonPlan plan) {
        this.session = session;
        this.sql = sql;
        this.plan = plan;
    }

    @Override
    public boolean isQuery() {
        return plan.isQuery();
    }

    @Override
    public List<ParameterInfo> parameters() {
        return plan.parameters();
    }

    @Override
    public List<ColumnInfo> columns() {
        return plan.columns();
    }

    @Override
    public SqlResult execute(List<Object> parameters, long maxRows, long timeoutMillis) throws SQLException {
        plan = session.replan(sql, plan);
        return session.execute(plan, parameters, maxRows, timeoutMillis);
    }

    @Override
    public void close() {
        // the plan stays in the shared cache
    }
}
