package io.persimmon.sql.schema;

import io.persimmon.engine.db.Database;
import io.persimmon.engine.db.Index;
import io.persimmon.engine.db.Table;
import io.persimmon.engine.row.Column;
import io.persimmon.sql.exec.PersimmonConstraints;
import io.persimmon.sql.rel.PersimmonTableScan;

import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql2rel.InitializerExpressionFactory;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.ArrayList;
import java.util.List;

/**
 * An engine {@link Table} as Calcite sees it: its columns, statistics (row count, unique keys,
 * key order) and defaults; it becomes a {@link PersimmonTableScan}.
 */
public final class PersimmonTable extends AbstractTable implements TranslatableTable {
    private final Database database;
    private final Table table;
    private final PersimmonTableAttributes attributes;
    private final PersimmonDefaults defaults;
    private PersimmonConstraints constraints = PersimmonConstraints.NONE;

    PersimmonTable(Database database, Table table) {
        this.database = database;
        this.table = table;
        this.attributes = PersimmonTableAttributes.parse(table.definition().attributes());
        this.defaults = new PersimmonDefaults(attributes.defaults());
    }

    /** The engine table. */
    public Table table() {
        return table;
    }

    /** Rows per distinct value of a non-unique index's columns, from the engine's estimate (at least 1). */
    public double rowsPerKey(Index index) {
        long distinct = database.distinctKeys(index);
        return distinct <= 0 ? 1 : Math.max(1, table.rowCount() / (double) distinct);
    }

    public PersimmonTableAttributes attributes() {
        return attributes;
    }

    /** The foreign keys a change to this table must respect. */
    public PersimmonConstraints constraints() {
        return constraints;
    }

    void setConstraints(PersimmonConstraints constraints) {
        this.constraints = constraints;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        RelDataTypeFactory.Builder b = typeFactory.builder();
        for (Column c : table.definition().columns()) {
            b.add(c.name(), PersimmonTypes.toCalcite(typeFactory, c));
        }
        return b.build();
    }

    @Override
    public Statistic getStatistic() {
        List<ImmutableBitSet> keys = new ArrayList<>();
        List<RelCollation> collations = new ArrayList<>();
        if (!table.definition().hasHiddenKey()) {
            keys.add(ImmutableBitSet.of(table.definition().primaryKey()));
            collations.add(PersimmonTableScan.keyCollation(table.definition().primaryKey(), false));
        }
        for (Index index : table.indexes()) {
            if (index.isUnique()) {
                keys.add(ImmutableBitSet.of(index.definition().columns()));
            }
        }
        return Statistics.of(Math.max(table.rowCount(), 1), keys, collations);
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
        return PersimmonTableScan.create(context.getCluster(), relOptTable, this);
    }

    @Override
    public <C> C unwrap(Class<C> aClass) {
        if (aClass == InitializerExpressionFactory.class) {
            return aClass.cast(defaults);
        }
        return super.unwrap(aClass);
    }
}
