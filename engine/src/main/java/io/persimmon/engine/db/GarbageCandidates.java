package io.persimmon.engine.db;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows the garbage collector should look at: those whose chains gained an older version (an
 * update or a delete applied since the collector last saw them), so that a pass costs what was
 * written, not the size of the database. Volatile: it is empty after an open, and the first pass
 * then walks every row ({@link #takeAll()} answers null), which also covers the records recovery
 * replayed. A row whose older versions some snapshot still needs is handed back
 * ({@link #requeue}) for a later pass.
 */
final class GarbageCandidates {
    /** Beyond this many rows noted (the collector has not run for long), the next pass walks every row instead. */
    static final long MAX_NOTED = 1 << 20;

    /** A row to look at: its table and primary key (its slot is looked up again when it is collected). */
    record Row(Table table, byte[] key) {}

    /** Rows as noted, repeats included (deduplicated when taken, off the commit path). */
    private List<Row> noted = new ArrayList<>();
    private boolean everyRow = true;

    /** Notes rows whose chains just gained an older version (called as their record is applied). */
    synchronized void add(List<Row> applied) {
        if (everyRow) {
            return; // the next pass walks every row anyway
        }
        noted.addAll(applied);
        if (noted.size() > MAX_NOTED) {
            everyRow = true;
            noted = new ArrayList<>();
        }
    }

    /** A row to look at again in the next pass. */
    synchronized void requeue(Row r) {
        add(List.of(r));
    }

    /** The candidates by table, each row once, emptied; null when this pass must walk every row. */
    Map<Table, List<Row>> takeAll() {
        List<Row> taken;
        synchronized (this) {
            if (everyRow) {
                everyRow = false;
                noted = new ArrayList<>();
                return null;
            }
            taken = noted;
            noted = new ArrayList<>();
        }
        Map<Table, Map<ByteBuffer, Row>> byTable = new LinkedHashMap<>();
        for (Row r : taken) {
            byTable.computeIfAbsent(r.table(), t -> new HashMap<>()).putIfAbsent(ByteBuffer.wrap(r.key()), r);
        }
        Map<Table, List<Row>> rows = new LinkedHashMap<>();
        byTable.forEach((t, byKey) -> rows.put(t, new ArrayList<>(byKey.values())));
        return rows;
    }
}
