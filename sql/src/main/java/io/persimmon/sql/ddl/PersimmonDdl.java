package io.persimmon.sql.ddl;

import io.persimmon.engine.catalog.IndexDefinition;
import io.persimmon.engine.catalog.TableDefinition;
import io.persimmon.engine.db.Database;
import io.persimmon.engine.db.Table;
import io.persimmon.engine.row.Column;
import io.persimmon.sql.PersimmonErrors;
import io.persimmon.sql.parser.PersimmonParserConfig;
import io.persimmon.sql.parser.SqlAlterTableAddColumn;
import io.persimmon.sql.parser.SqlColumnDefinition;
import io.persimmon.sql.parser.SqlCreateIndex;
import io.persimmon.sql.parser.SqlCreateTable;
import io.persimmon.sql.parser.SqlCreateTableAs;
import io.persimmon.sql.parser.SqlDropIndex;
import io.persimmon.sql.parser.SqlDropTable;
import io.persimmon.sql.parser.SqlIndexColumn;
import io.persimmon.sql.parser.SqlTableConstraint;
import io.persimmon.sql.plan.PersimmonPlan;
import io.persimmon.sql.schema.PersimmonSchema;
import io.persimmon.sql.schema.PersimmonTableAttributes;
import io.persimmon.sql.schema.PersimmonTypes;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Executes DDL against the engine's catalog (each statement commits at once, as in H2) and
 * announces the new schema version. Defaults and foreign keys go into the table's attributes
 * text ({@link PersimmonTableAttributes}); UNIQUE constraints become unique indexes. ALTER TABLE
 * ADD COLUMN is {@link PersimmonAddColumn}.
 */
public final class PersimmonDdl {
    /** What DDL needs from the SQL database and the session that runs it. */
    public interface Host {
        Database database();

        /** The plan of {@code sql} under the current schema (CREATE TABLE AS: the query's columns). */
        PersimmonPlan prepare(String sql) throws SQLException;

        /** Runs a query in the session; the first column of its first row (API form), or null. */
        Object queryValue(String sql) throws SQLException;

        /** Runs an INSERT in the session (CREATE TABLE AS: the rows). */
        long executeUpdate(String sql) throws SQLException;

        /** Makes a new schema version after a change. */
        void schemaChanged();
    }

    private final Host host;

    public PersimmonDdl(Host host) {
        this.host = host;
    }

    /** Executes one DDL statement; the update count (rows inserted by CREATE TABLE AS, else 0). */
    public long execute(SqlNode node) throws SQLException {
        try {
            return switch (node) {
                case SqlCreateTable c -> createTable(c);
                case SqlCreateTableAs c -> createTableAs(c);
                case SqlDropTable d -> dropTable(d);
                case SqlCreateIndex c -> createIndex(c);
                case SqlDropIndex d -> dropIndex(d);
                case SqlAlterTableAddColumn a -> new PersimmonAddColumn(host).execute(a);
                default -> throw PersimmonErrors.unsupported("the statement " + node.getKind());
            };
        } catch (SQLException e) {
            throw e;
        } catch (RuntimeException e) {
            throw PersimmonErrors.map(e);
        }
    }

    static String name(SqlIdentifier id) throws SQLException {
        if (id.names.size() == 2 && !id.names.get(0).equals(PersimmonSchema.NAME) || id.names.size() > 2) {
            throw PersimmonErrors.of("3F000", "schema " + id.names.get(0) + " does not exist");
        }
        return id.names.get(id.names.size() - 1);
    }

    private long createTable(SqlCreateTable c) throws SQLException {
        Database db = host.database();
        String table = name(c.getName());
        if (c.isIfNotExists() && db.findTable(table).isPresent()) {
            return 0;
        }
        List<Column> columns = new ArrayList<>();
        Map<String, String> defaults = new LinkedHashMap<>();
        for (SqlColumnDefinition d : c.getColumns()) {
            columns.add(new Column(d.getSimpleName(), PersimmonTypes.fromSpec(d.getType()), d.isNullable()));
            if (d.hasDefault()) {
                defaults.put(d.getSimpleName(), PersimmonParserConfig.toSql(d.getDefaultValue()));
            }
        }
        TableDefinition probe = new TableDefinition(table, columns, new int[0]);
        int[] key = c.getPrimaryKeyColumns().stream().mapToInt(probe::columnIndex).toArray();
        List<PersimmonTableAttributes.ForeignKeyText> fks = new ArrayList<>();
        List<SqlTableConstraint> uniques = new ArrayList<>();
        for (SqlTableConstraint k : c.getAllConstraints()) {
            switch (k.getConstraintKind()) {
                case UNIQUE -> uniques.add(k);
                case FOREIGN_KEY -> fks.add(foreignKey(db, table, probe, key, k, fks.size()));
                default -> { }
            }
        }
        String attributes = new PersimmonTableAttributes(defaults, fks).format();
        db.createTable(new TableDefinition(table, columns, key, attributes));
        try {
            for (SqlTableConstraint u : uniques) {
                String indexName = u.getConstraintName() != null ? name(u.getConstraintName())
                        : table + "_UNIQUE_" + (uniques.indexOf(u) + 1);
                db.createIndex(IndexDefinition.of(indexName, db.table(table).definition(), true,
                        u.getColumnNames().toArray(String[]::new)));
            }
        } finally {
            host.schemaChanged();
        }
        return 0;
    }

    /** The foreign key {@code k} of {@code table} (columns as in {@code self}) as attributes keep it. */
    static PersimmonTableAttributes.ForeignKeyText foreignKey(Database db, String table, TableDefinition self,
                                                              int[] selfKey, SqlTableConstraint k, int ordinal)
            throws SQLException {
        String parent = name(k.getReferencedTable());
        List<String> columns = k.getColumnNames();
        columns.forEach(self::columnIndex);
        List<String> parentColumns = k.getReferencedColumnNames();
        TableDefinition parentDef = parent.equals(table) ? null : db.table(parent).definition();
        if (parentColumns.isEmpty()) {
            int[] pk = parentDef == null ? selfKey : parentDef.primaryKey();
            List<String> names = new ArrayList<>();
            for (int p : pk) {
                names.add((parentDef == null ? self : parentDef).columns().get(p).name());
            }
            parentColumns = names;
        }
        if (parentColumns.size() != columns.size()) {
            throw PersimmonErrors.of(PersimmonErrors.SYNTAX, "foreign key of table " + table + " names "
                    + columns.size() + " columns but table " + parent + " has a key of " + parentColumns.size());
        }
        parentColumns.forEach(parentDef == null ? self::columnIndex : parentDef::columnIndex);
        String fkName = k.getConstraintName() != null ? name(k.getConstraintName()) : table + "_FK_" + (ordinal + 1);
        return new PersimmonTableAttributes.ForeignKeyText(fkName, columns, parent, parentColumns);
    }

    private long createTableAs(SqlCreateTableAs c) throws SQLException {
        Database db = host.database();
        String table = name(c.getName());
        if (db.findTable(table).isPresent()) {
            if (c.isIfNotExists()) {
                return 0;
            }
        }
        String query = PersimmonParserConfig.toSql(c.getQuery());
        PersimmonPlan plan = host.prepare(query);
        List<String> names = c.getColumnNameStrings();
        if (!names.isEmpty() && names.size() != plan.columns().size()) {
            throw PersimmonErrors.of(PersimmonErrors.SYNTAX, "CREATE TABLE " + table + " names " + names.size()
                    + " columns but its query returns " + plan.columns().size());
        }
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < plan.columns().size(); i++) {
            RelDataType type = plan.columnTypes().get(i);
            String column = names.isEmpty() ? plan.columns().get(i).label() : names.get(i);
            columns.add(new Column(column, PersimmonTypes.fromCalcite(type), type.isNullable()));
        }
        db.createTable(new TableDefinition(table, columns, new int[0]));
        host.schemaChanged();
        try {
            return host.executeUpdate("INSERT INTO \"" + table.replace("\"", "\"\"") + "\" " + query);
        } catch (SQLException e) {
            db.dropTable(table); // CREATE TABLE AS is one statement: no table without its rows
            host.schemaChanged();
            throw e;
        }
    }

    private long dropTable(SqlDropTable d) throws SQLException {
        Database db = host.database();
        String table = name(d.getName());
        if (d.isIfExists() && db.findTable(table).isEmpty()) {
            return 0;
        }
        db.dropTable(table);
        host.schemaChanged();
        return 0;
    }

    private long createIndex(SqlCreateIndex c) throws SQLException {
        Database db = host.database();
        String index = name(c.getName());
        if (c.isIfNotExists() && db.findIndex(index).isPresent()) {
            return 0;
        }
        Table table = db.table(name(c.getTable()));
        String[] columns = c.getColumns().stream().map(SqlIndexColumn::getSimpleName).toArray(String[]::new);
        db.createIndex(IndexDefinition.of(index, table.definition(), c.isUnique(), columns));
        host.schemaChanged();
        return 0;
    }

    private long dropIndex(SqlDropIndex d) throws SQLException {
        Database db = host.database();
        String index = name(d.getName());
        if (d.isIfExists() && db.findIndex(index).isEmpty()) {
            return 0;
        }
        db.dropIndex(index);
        host.schemaChanged();
        return 0;
    }
}
