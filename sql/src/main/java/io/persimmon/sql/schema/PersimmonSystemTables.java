package io.persimmon.sql.schema;

import io.persimmon.engine.db.CommitCosts;
import io.persimmon.engine.db.Database;
import io.persimmon.engine.pmem.PersistenceCounters;
import io.persimmon.sql.exec.PersimmonDataContext;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.List;
import java.util.Map;

/**
 * The read-only schema {@value #NAME}: views of the engine's state. {@code PERSISTENCE_STATS} has
 * one row of the pool's persistence counters since it was opened (fences, flushed cache lines,
 * bytes persisted, sync calls) and the database's commits and checkpoints, and the same for the
 * commits of the reading session alone ({@code SESSION_COMMITS}, {@code SESSION_FENCES},
 * {@code SESSION_FLUSHED_LINES}: exact however many sessions commit at once, and without the
 * background checkpoints), so that a client (the TPC-C benchmark, say) can count what its
 * transactions cost without a profiler.
 */
public final class PersimmonSystemTables extends AbstractSchema {
    public static final String NAME = "SYS";

    private final Map<String, Table> tables;

    public PersimmonSystemTables(Database db) {
        this.tables = Map.of("PERSISTENCE_STATS", new PersistenceStats(db));
    }

    @Override
    protected Map<String, Table> getTableMap() {
        return tables;
    }

    /** One row, read when scanned. */
    private static final class PersistenceStats extends AbstractTable implements ScannableTable {
        private static final List<String> COLUMNS = List.of("FENCES", "FLUSHED_LINES", "BYTES_PERSISTED", "SYNC_CALLS",
                "COMMITS", "CHECKPOINTS", "SESSION_COMMITS", "SESSION_FENCES", "SESSION_FLUSHED_LINES");
        private final Database db;

        PersistenceStats(Database db) {
            this.db = db;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory types) {
            RelDataTypeFactory.Builder row = types.builder();
            for (String column : COLUMNS) {
                row.add(column, types.createSqlType(SqlTypeName.BIGINT));
            }
            return row.build();
        }

        @Override
        public Enumerable<Object[]> scan(DataContext root) {
            PersistenceCounters.Snapshot total = db.pool().persistence().counters().total();
            CommitCosts session = PersimmonDataContext.execution(root).transaction().commitCosts();
            Object[] row = {total.fences(), total.flushedLines(), total.bytesPersisted(), total.syncCalls(),
                    db.commits(), db.checkpoints(), session == null ? 0L : session.commits(),
                    session == null ? 0L : session.fences(), session == null ? 0L : session.flushedLines()};
            return Linq4j.asEnumerable(List.<Object[]>of(row));
        }
    }
}
