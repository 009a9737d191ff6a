package io.persimmon.sql.session;

import io.persimmon.sql.PersimmonErrors;
import io.persimmon.sql.api.ColumnInfo;
import io.persimmon.sql.api.SqlResult;
import io.persimmon.sql.exec.PersimmonValues;
import io.persimmon.sql.plan.PersimmonPlan;

import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;

import java.sql.SQLException;
import java.util.List;

/**
 * The result of one execution: rows read lazily from the compiled plan's enumerator (values
 * turned into the API's classes), or an update count. A query's transaction ends, in autocommit
 * mode, when its rows are read to the end or the result is closed.
 */
final class PersimmonResult implements SqlResult {
    /** What happens when the rows end or fail. */
    interface Completion {
        void completed() throws SQLException;

        SQLException failed(Throwable t);
    }

    private final long updateCount;
    private final List<ColumnInfo> columns;
    private final List<RelDataType> types;
    private final Enumerator<?> rows;
    private final long maxRows;
    private final Completion completion;
    private long read;
    private Object current;
    private boolean onRow;
    private boolean done;

    private PersimmonResult(long updateCount, List<ColumnInfo> columns, List<RelDataType> types, Enumerator<?> rows,
                            long maxRows, Completion completion) {
        this.updateCount = updateCount;
        this.columns = columns;
        this.types = types;
        this.rows = rows;
        this.maxRows = maxRows;
        this.completion = completion;
        this.done = rows == null;
    }

    static PersimmonResult count(long count) {
        return new PersimmonResult(count, List.of(), List.of(), null, 0, null);
    }

    static PersimmonResult rows(PersimmonPlan plan, Enumerator<?> rows, long maxRows, Completion completion) {
        return new PersimmonResult(-1, plan.columns(), plan.columnTypes(), rows, maxRows, completion);
    }

    /** EXPLAIN: one row per line of the plan. */
    static PersimmonResult text(PersimmonPlan plan) {
        List<String> lines = plan.explain().lines().toList();
        return new PersimmonResult(-1, plan.columns(), plan.columnTypes(),
                org.apache.calcite.linq4j.Linq4j.enumerator(lines), 0, null);
    }

    @Override
    public boolean hasRows() {
        return updateCount < 0;
    }

    @Override
    public long updateCount() {
        return updateCount;
    }

    @Override
    public List<ColumnInfo> columns() {
        return columns;
    }

    @Override
    public boolean next() throws SQLException {
        if (done) {
            return false;
        }
        if (maxRows > 0 && read >= maxRows) {
            finish();
            return false;
        }
        boolean more;
        try {
            more = rows.moveNext();
            current = more ? rows.current() : null;
            onRow = more;
        } catch (Throwable t) {
            done = true;
            onRow = false;
            closeRows();
            throw completion == null ? PersimmonErrors.map(t) : completion.failed(t);
        }
        if (!more) {
            finish();
            return false;
        }
        read++;
        return true;
    }

    @Override
    public Object get(int index) throws SQLException {
        if (!onRow) {
            throw PersimmonErrors.of("24000", "no current row");
        }
        if (index < 0 || index >= columns.size()) {
            throw PersimmonErrors.of("07009", "no column " + index);
        }
        Object v = columns.size() == 1 && !(current instanceof Object[]) ? current : ((Object[]) current)[index];
        return PersimmonValues.calciteToApi(v, types.get(index));
    }

    private void finish() throws SQLException {
        if (!done) {
            done = true;
            current = null;
            onRow = false;
            closeRows();
            if (completion != null) {
                completion.completed();
            }
        }
    }

    private void closeRows() {
        if (rows != null) {
            try {
                rows.close();
            } catch (RuntimeException ignored) {
                // the rows are abandoned either way
            }
        }
    }

    @Override
    public void close() throws SQLException {
        finish();
    }
}
