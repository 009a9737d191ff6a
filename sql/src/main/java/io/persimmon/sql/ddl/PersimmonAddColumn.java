package io.persimmon.sql.ddl;

import io.persimmon.engine.catalog.IndexDefinition;
import io.persimmon.engine.catalog.TableDefinition;
import io.persimmon.engine.db.Database;
import io.persimmon.engine.db.Isolation;
import io.persimmon.engine.db.Table;
import io.persimmon.engine.db.Transaction;
import io.persimmon.engine.row.Column;
import io.persimmon.engine.row.SqlType;
import io.persimmon.sql.PersimmonErrors;
import io.persimmon.sql.exec.PersimmonConstraints;
import io.persimmon.sql.exec.PersimmonValues;
import io.persimmon.sql.parser.PersimmonParserConfig;
import io.persimmon.sql.parser.SqlAlterTableAddColumn;
import io.persimmon.sql.parser.SqlColumnDefinition;
import io.persimmon.sql.parser.SqlTableConstraint;
import io.persimmon.sql.plan.PersimmonPlan;
import io.persimmon.sql.schema.PersimmonTableAttributes;
import io.persimmon.sql.schema.PersimmonTypes;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ALTER TABLE t ADD COLUMN c type [NOT NULL] [DEFAULT x] [UNIQUE] [REFERENCES p]}, as one
 * engine catalog record ({@link Database#addColumn(String, Column, Object, String)}): the rows
 * already there read the DEFAULT's value (evaluated once, now, as H2 does), the DEFAULT's text goes
 * into the table's attributes for later INSERTs, and a new schema version makes every prepared
 * statement plan again. Checked before the table changes, so a refusal leaves it as it was:
 * NOT NULL without a DEFAULT on a table with rows (23502, as H2), a DEFAULT too long or out of
 * range (22001, 22003), UNIQUE with a non-NULL DEFAULT on more than one row (23505), REFERENCES
 * with a non-NULL DEFAULT that no parent row has (23503). PRIMARY KEY is refused (0A000).
 */
final class PersimmonAddColumn {
    private final PersimmonDdl.Host host;

    PersimmonAddColumn(PersimmonDdl.Host host) {
        this.host = host;
    }

    long execute(SqlAlterTableAddColumn a) throws SQLException {
        Database db = host.database();
        String tableName = PersimmonDdl.name(a.getTable());
        Table table = db.table(tableName);
        SqlColumnDefinition d = a.getColumn();
        if (d.isPrimaryKey()) {
            throw PersimmonErrors.unsupported("ALTER TABLE ... ADD COLUMN ... PRIMARY KEY");
        }
        Column column = new Column(d.getSimpleName(), PersimmonTypes.fromSpec(d.getType()), d.isNullable());
        Object value = d.hasDefault() ? defaultValue(d, column) : null;
        if (value == null && !column.nullable() && table.rowCount() > 0) {
            throw PersimmonErrors.of("23502", "NULL not allowed for column " + column.name() + ": table "
                    + tableName + " has rows and the column has no DEFAULT");
        }
        TableDefinition old = table.definition();
        List<Column> columns = new ArrayList<>(old.columns());
        columns.add(column);
        TableDefinition probe = new TableDefinition(tableName, columns, old.primaryKey());
        PersimmonTableAttributes attributes = PersimmonTableAttributes.parse(old.attributes());
        Map<String, String> defaults = new TreeMap<>(attributes.defaults());
        if (d.hasDefault()) {
            defaults.put(column.name(), PersimmonParserConfig.toSql(d.getDefaultValue()));
        }
        List<PersimmonTableAttributes.ForeignKeyText> fks = new ArrayList<>(attributes.foreignKeys());
        List<SqlTableConstraint> uniques = new ArrayList<>();
        for (SqlTableConstraint k : d.getConstraints()) {
            if (k.getConstraintKind() == SqlTableConstraint.ConstraintKind.UNIQUE) {
                if (value != null && table.rowCount() > 1) {
                    throw PersimmonErrors.of("23505", "UNIQUE column " + column.name() + " would hold the DEFAULT "
                            + value + " in each of the " + table.rowCount() + " rows of table " + tableName);
                }
                uniques.add(k);
            } else if (k.getConstraintKind() == SqlTableConstraint.ConstraintKind.FOREIGN_KEY) {
                PersimmonTableAttributes.ForeignKeyText fk =
                        PersimmonDdl.foreignKey(db, tableName, probe, old.primaryKey(), k, fks.size());
                requireParent(db, fk, value, table.rowCount());
                fks.add(fk);
            }
        }
        db.addColumn(tableName, column, value, new PersimmonTableAttributes(defaults, fks).format());
        try {
            for (SqlTableConstraint u : uniques) {
                String index = u.getConstraintName() != null ? PersimmonDdl.name(u.getConstraintName())
                        : tableName + "_" + column.name() + "_UNIQUE";
                db.createIndex(IndexDefinition.of(index, db.table(tableName).definition(), true, column.name()));
            }
        } finally {
            host.schemaChanged();
        }
        return 0;
    }

    /**
     * The DEFAULT's value for the rows already there, as the engine stores it: the expression is
     * evaluated once by a query, cast to the column's type except for strings and binaries, which
     * the engine checks itself (Calcite's CAST would truncate them).
     */
    private Object defaultValue(SqlColumnDefinition d, Column column) throws SQLException {
        String expression = PersimmonParserConfig.toSql(d.getDefaultValue());
        SqlType type = column.type().type();
        boolean asIs = type == SqlType.CHAR || type == SqlType.VARCHAR || type == SqlType.VARBINARY;
        // the engine's type, precision included: Calcite's TIMESTAMP without one is TIMESTAMP(0)
        String query = "VALUES (" + (asIs ? expression : "CAST(" + expression + " AS " + column.type() + ")") + ")";
        PersimmonPlan plan = host.prepare(query);
        Object api = host.queryValue(query);
        Object calcite = PersimmonValues.apiToCalcite(api, plan.columnTypes().getFirst());
        return PersimmonValues.calciteToEngine(calcite, type); // the engine conforms it to the column
    }

    /** A non-NULL DEFAULT given to existing rows must be a parent key (23503). */
    private static void requireParent(Database db, PersimmonTableAttributes.ForeignKeyText fk, Object value,
                                      long rows) throws SQLException {
        if (value == null || rows == 0) {
            return;
        }
        Table parent = db.table(fk.parent());
        int[] parentColumns = {parent.definition().columnIndex(fk.parentColumns().getFirst())};
        try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
            if (!PersimmonConstraints.exists(tx, parent, parentColumns, new Object[] {value})) {
                throw PersimmonErrors.of("23503", "foreign key " + fk.name() + ": the DEFAULT " + value
                        + " of the existing rows is in no row of table " + fk.parent());
            }
        }
    }
}
