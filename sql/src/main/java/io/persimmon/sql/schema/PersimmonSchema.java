package io.persimmon.sql.schema;

import io.persimmon.engine.db.Database;
import io.persimmon.engine.db.Table;
import io.persimmon.sql.exec.PersimmonConstraints;

import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog as of one schema version: every engine table as a {@link PersimmonTable}, in the
 * one schema {@value #NAME}, with the foreign keys between them resolved. Plans compiled against a
 * version keep its engine handles; DDL makes a new version.
 */
public final class PersimmonSchema extends AbstractSchema {
    /** The name of the one schema. */
    public static final String NAME = "PUBLIC";

    private final long version;
    private final Map<String, org.apache.calcite.schema.Table> tables;
    private final SchemaPlus root;

    private PersimmonSchema(Database db, long version, Map<String, org.apache.calcite.schema.Table> tables) {
        this.version = version;
        this.tables = tables;
        this.root = CalciteSchema.createRootSchema(false, false).plus();
        root.add(NAME, this);
        root.add(PersimmonSystemTables.NAME, new PersimmonSystemTables(db));
    }

    /** The schema of the database's tables now, as version {@code version}. */
    public static PersimmonSchema snapshot(Database db, long version) {
        Map<String, PersimmonTable> byName = new HashMap<>();
        for (Table t : db.tables()) {
            byName.put(t.name(), new PersimmonTable(db, t));
        }
        Map<String, List<PersimmonConstraints.ForeignKey>> outgoing = new HashMap<>();
        Map<String, List<PersimmonConstraints.ForeignKey>> incoming = new HashMap<>();
        for (PersimmonTable child : byName.values()) {
            for (PersimmonTableAttributes.ForeignKeyText fk : child.attributes().foreignKeys()) {
                PersimmonTable parent = byName.get(fk.parent());
                if (parent == null) {
                    continue; // the parent was dropped: nothing left to check
                }
                PersimmonConstraints.ForeignKey key = new PersimmonConstraints.ForeignKey(fk.name(), child.table(),
                        positions(child, fk.columns()), parent.table(), positions(parent, fk.parentColumns()));
                outgoing.computeIfAbsent(child.table().name(), k -> new ArrayList<>()).add(key);
                incoming.computeIfAbsent(parent.table().name(), k -> new ArrayList<>()).add(key);
            }
        }
        for (PersimmonTable t : byName.values()) {
            String name = t.table().name();
            t.setConstraints(new PersimmonConstraints(outgoing.getOrDefault(name, List.of()),
                    incoming.getOrDefault(name, List.of())));
        }
        return new PersimmonSchema(db, version, Map.<String, org.apache.calcite.schema.Table>copyOf(byName));
    }

    private static int[] positions(PersimmonTable t, List<String> columns) {
        return columns.stream().mapToInt(c -> t.table().definition().columnIndex(c)).toArray();
    }

    public long version() {
        return version;
    }

    /** The root schema, with this schema as {@value #NAME}. */
    public SchemaPlus root() {
        return root;
    }

    /** The table named {@code name}, or null. */
    public PersimmonTable table(String name) {
        return (PersimmonTable) tables.get(name);
    }

    @Override
    protected Map<String, org.apache.calcite.schema.Table> getTableMap() {
        return tables;
    }
}
