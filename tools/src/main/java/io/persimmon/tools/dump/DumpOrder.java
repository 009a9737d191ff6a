package io.persimmon.tools.dump;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The order in which a dump creates and fills its tables: every table after the tables its
 * foreign keys reference (CREATE TABLE needs the parent to exist, and an INSERT needs the parent
 * row), and otherwise by name. A foreign key of a table to itself does not constrain the order
 * (its rows are ordered within the table, {@link SelfReferenceOrder}).
 */
final class DumpOrder {
    private DumpOrder() {}

    /** The tables in that order; refuses foreign keys that form a cycle between tables. */
    static List<DumpSchema.Table> of(DumpSchema schema) throws DumpException {
        Map<String, DumpSchema.Table> byName = new HashMap<>();
        Map<String, Set<String>> waitingFor = new HashMap<>();
        for (DumpSchema.Table t : schema.tables()) {
            byName.put(t.name(), t);
            Set<String> parents = new HashSet<>();
            for (DumpSchema.ForeignKey fk : t.foreignKeys()) {
                if (!fk.selfReferencing(t.name())) {
                    parents.add(fk.parent());
                }
            }
            waitingFor.put(t.name(), parents);
        }
        TreeSet<String> ready = new TreeSet<>();
        waitingFor.forEach((t, parents) -> {
            if (parents.isEmpty()) {
                ready.add(t);
            }
        });
        List<DumpSchema.Table> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String next = ready.pollFirst();
            order.add(byName.get(next));
            waitingFor.remove(next);
            waitingFor.forEach((t, parents) -> {
                if (parents.remove(next) && parents.isEmpty()) {
                    ready.add(t);
                }
            });
        }
        if (!waitingFor.isEmpty()) {
            throw new DumpException("the foreign keys of tables " + new TreeSet<>(waitingFor.keySet())
                    + " form a cycle (or name a table that does not exist): no order of CREATE TABLE statements "
                    + "can recreate them");
        }
        return order;
    }
}
