package io.persimmon.tools.dump;

import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a database as a SQL script: for each table (parents before children, else by name, see
 * {@link DumpOrder}) its CREATE TABLE and CREATE INDEX statements, then each table's rows as
 * INSERTs of up to {@value #ROWS_PER_INSERT} rows, by primary key (a table without one: by all
 * its columns). The text depends only on the database's contents, so dumping a loaded dump gives
 * the same text. Rows are read in one REPEATABLE READ transaction: one snapshot.
 */
public final class ScriptWriter {
    /** Rows per INSERT statement, and so per transaction when the script is loaded. */
    public static final int ROWS_PER_INSERT = 200;

    /** What a dump wrote. */
    public record Summary(int tables, int indexes, long rows, long statements) {}

    private final Writer out;
    private long statements;

    private ScriptWriter(Writer out) {
        this.out = out;
    }

    /** Dumps the database of {@code connection} to {@code out}. */
    public static Summary write(Connection connection, Writer out) throws SQLException, IOException, DumpException {
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            DumpSchema schema = DumpSchema.read(connection);
            List<DumpSchema.Table> tables = DumpOrder.of(schema);
            int indexes = tables.stream().mapToInt(t -> t.indexes().size()).sum();
            ScriptWriter w = new ScriptWriter(out);
            out.write("-- Persimmon dump: " + tables.size() + " table(s), " + indexes + " index(es)\n");
            out.write("-- Load it with: persimmon load POOL FILE (or: persimmon shell URL --run=FILE)\n");
            for (DumpSchema.Table t : tables) {
                w.schema(t);
            }
            long rows = 0;
            for (DumpSchema.Table t : tables) {
                rows += w.rows(connection, t);
            }
            out.flush();
            return new Summary(tables.size(), indexes, rows, w.statements);
        } finally {
            connection.rollback();
        }
    }

    /** A quoted identifier: names keep their case, and any name is allowed. */
    public static String name(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String names(List<String> identifiers) {
        return identifiers.stream().map(ScriptWriter::name).collect(Collectors.joining(", "));
    }

    private void schema(DumpSchema.Table t) throws IOException {
        List<String> elements = new ArrayList<>();
        for (DumpSchema.Column c : t.columns()) {
            elements.add(name(c.name()) + " " + c.type() + (c.defaultSql() == null ? "" : " DEFAULT " + c.defaultSql())
                    + (c.nullable() ? "" : " NOT NULL"));
        }
        if (!t.primaryKey().isEmpty()) {
            elements.add("PRIMARY KEY (" + names(t.primaryKey()) + ")");
        }
        for (DumpSchema.ForeignKey fk : t.foreignKeys()) {
            elements.add("CONSTRAINT " + name(fk.name()) + " FOREIGN KEY (" + names(fk.columns()) + ") REFERENCES "
                    + name(fk.parent()) + " (" + names(fk.parentColumns()) + ")");
        }
        out.write("\nCREATE TABLE " + name(t.name()) + " (\n  " + String.join(",\n  ", elements) + "\n);\n");
        statements++;
        for (DumpSchema.Index x : t.indexes()) {
            out.write("CREATE " + (x.unique() ? "UNIQUE " : "") + "INDEX " + name(x.name()) + " ON " + name(t.name())
                    + " (" + names(x.columns()) + ");\n");
            statements++;
        }
    }

    private long rows(Connection connection, DumpSchema.Table t) throws SQLException, IOException, DumpException {
        List<String> columns = t.columns().stream().map(DumpSchema.Column::name).toList();
        List<String> order = t.primaryKey().isEmpty() ? columns : t.primaryKey();
        String query = "SELECT " + names(columns) + " FROM " + name(t.name()) + " ORDER BY " + names(order);
        boolean selfReferencing = !t.selfReferences().isEmpty();
        List<String[]> kept = new ArrayList<>();
        Inserts inserts = new Inserts(t, "INSERT INTO " + name(t.name()) + " (" + names(columns) + ") VALUES\n");
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                String[] row = new String[columns.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = SqlLiterals.read(rs, i + 1, t.columns().get(i).baseType());
                }
                if (selfReferencing) {
                    kept.add(row); // ordered below, once every row is known
                } else {
                    inserts.add(row);
                }
            }
        }
        if (selfReferencing) {
            SelfReferenceOrder.Result r = SelfReferenceOrder.of(t, kept);
            for (String[] row : r.rows()) {
                inserts.add(row);
            }
            inserts.flush();
            for (String update : r.updates()) {
                out.write(update + "\n");
                statements++;
            }
            return kept.size();
        }
        inserts.flush();
        return inserts.total;
    }

    /** The WHERE clause that names a row of {@code t} by its primary key, or null when the table has none. */
    static String whereKey(DumpSchema.Table t, String[] row) {
        if (t.primaryKey().isEmpty()) {
            return null;
        }
        List<String> columns = t.columns().stream().map(DumpSchema.Column::name).toList();
        StringBuilder b = new StringBuilder(" WHERE ");
        for (int i = 0; i < t.primaryKey().size(); i++) {
            String c = t.primaryKey().get(i);
            b.append(i == 0 ? "" : " AND ").append(name(c)).append(" = ").append(row[columns.indexOf(c)]);
        }
        return b.toString();
    }

    /** Rows gathered into multi-row INSERTs of at most {@link #ROWS_PER_INSERT} rows. */
    private final class Inserts {
        private final DumpSchema.Table table;
        private final String head;
        private final StringBuilder pending = new StringBuilder();
        private int count;
        private long total;
        private boolean first = true;

        Inserts(DumpSchema.Table table, String head) {
            this.table = table;
            this.head = head;
        }

        void add(String[] row) throws IOException, DumpException {
            total++;
            pending.append(count == 0 ? "" : ",\n").append("  (").append(String.join(", ", row)).append(')');
            if (++count == ROWS_PER_INSERT) {
                flush();
            }
        }

        void flush() throws IOException {
            if (count == 0) {
                return;
            }
            if (first) {
                out.write("\n");
                first = false;
            }
            out.write(head);
            out.write(pending.toString());
            out.write(";\n");
            statements++;
            pending.setLength(0);
            count = 0;
        }
    }
}
