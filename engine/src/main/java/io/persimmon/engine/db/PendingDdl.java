package io.persimmon.engine.db;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The catalog changes a transaction has made and not yet committed, in the order it made them:
 * tables and indexes created (real {@link Table} and {@link Index} objects, registered nowhere
 * but here until the commit applies them) and committed ones dropped. Lookups through it see the
 * catalog as the transaction would leave it; a savepoint keeps its length, and rolling back to it
 * truncates the list. A transaction's writes to a table it dropped are never committed.
 */
final class PendingDdl {
    /** One catalog change of the transaction. */
    sealed interface Change {}

    record CreateTable(Table table) implements Change {}

    record DropTable(Table table) implements Change {}

    record CreateIndex(Index index) implements Change {}

    record DropIndex(Index index) implements Change {}

    /**
     * What a commit writes, in its record's order: the tables and indexes created (and not dropped
     * again by the same transaction), then, after the rows, the committed indexes and tables
     * dropped (an index whose table is dropped too goes with its table).
     */
    record Plan(List<Table> createdTables, List<Index> createdIndexes, List<Index> droppedIndexes,
                List<Table> droppedTables) {
        boolean isEmpty() {
            return createdTables.isEmpty() && createdIndexes.isEmpty() && droppedIndexes.isEmpty()
                    && droppedTables.isEmpty();
        }
    }

    private final List<Change> changes = new ArrayList<>();

    boolean isEmpty() {
        return changes.isEmpty();
    }

    int size() {
        return changes.size();
    }

    void add(Change change) {
        changes.add(change);
    }

    /** Forgets the changes made after the first {@code size} (rolling back to a savepoint). */
    void truncate(int size) {
        while (changes.size() > size) {
            changes.removeLast();
        }
    }

    /** The table named {@code name} as the transaction sees it, given the committed one (or null). */
    Table table(String name, Table committed) {
        Table result = committed;
        for (Change c : changes) {
            if (c instanceof CreateTable(Table t) && t.name().equals(name)) {
                result = t;
            } else if (c instanceof DropTable(Table t) && t == result) {
                result = null;
            }
        }
        return result;
    }

    /** The index named {@code name} as the transaction sees it, given the committed one (or null). */
    Index index(String name, Index committed) {
        Index result = committed;
        for (Change c : changes) {
            if (c instanceof CreateIndex(Index i) && i.name().equals(name)) {
                result = i;
            } else if (c instanceof DropIndex(Index i) && i == result
                    || c instanceof DropTable(Table t) && result != null && result.table == t) {
                result = null;
            }
        }
        return result;
    }

    /** Whether the transaction dropped {@code table} (a committed one, or one it created). */
    boolean dropped(Table table) {
        for (Change c : changes) {
            if (c instanceof DropTable(Table t) && t == table) {
                return true;
            }
        }
        return false;
    }

    boolean created(Table table) {
        for (Change c : changes) {
            if (c instanceof CreateTable(Table t) && t == table) {
                return true;
            }
        }
        return false;
    }

    boolean created(Index index) {
        for (Change c : changes) {
            if (c instanceof CreateIndex(Index i) && i == index) {
                return true;
            }
        }
        return false;
    }

    /** Whether the transaction dropped {@code index}, itself or with its table. */
    boolean dropped(Index index) {
        for (Change c : changes) {
            if (c instanceof DropIndex(Index i) && i == index || c instanceof DropTable(Table t) && t == index.table) {
                return true;
            }
        }
        return false;
    }

    /** The net effect: what was created and dropped again cancels out. */
    Plan plan() {
        Set<Table> createdTables = new HashSet<>();
        Set<Table> droppedTables = new HashSet<>();
        Set<Index> createdIndexes = new HashSet<>();
        Set<Index> droppedIndexes = new HashSet<>();
        for (Change c : changes) {
            switch (c) {
                case CreateTable(Table t) -> createdTables.add(t);
                case DropTable(Table t) -> droppedTables.add(t);
                case CreateIndex(Index i) -> createdIndexes.add(i);
                case DropIndex(Index i) -> droppedIndexes.add(i);
            }
        }
        List<Table> creates = new ArrayList<>();
        List<Index> indexCreates = new ArrayList<>();
        List<Index> indexDrops = new ArrayList<>();
        List<Table> drops = new ArrayList<>();
        for (Change c : changes) {
            switch (c) {
                case CreateTable(Table t) -> {
                    if (!droppedTables.contains(t)) {
                        creates.add(t);
                    }
                }
                case CreateIndex(Index i) -> {
                    if (!droppedIndexes.contains(i) && !droppedTables.contains(i.table)) {
                        indexCreates.add(i);
                    }
                }
                case DropIndex(Index i) -> {
                    if (!createdIndexes.contains(i) && !droppedTables.contains(i.table)) {
                        indexDrops.add(i);
                    }
                }
                case DropTable(Table t) -> {
                    if (!createdTables.contains(t)) {
                        drops.add(t);
                    }
                }
            }
        }
        return new Plan(creates, indexCreates, indexDrops, drops);
    }
}
