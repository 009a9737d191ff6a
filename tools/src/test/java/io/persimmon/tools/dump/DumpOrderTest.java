package io.persimmon.tools.dump;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The orders of tables and of a self-referencing table's rows, and what cannot be ordered. */
class DumpOrderTest {
    private static DumpSchema.Table table(String name, boolean nullableRef, DumpSchema.ForeignKey... fks) {
        return new DumpSchema.Table(name, List.of(
                new DumpSchema.Column("ID", "INTEGER", "INTEGER", false, null),
                new DumpSchema.Column("REF", "INTEGER", "INTEGER", nullableRef, null)),
                List.of("ID"), List.of(fks), List.of());
    }

    private static DumpSchema.ForeignKey fk(String name, String parent) {
        return new DumpSchema.ForeignKey(name, List.of("REF"), parent, List.of("ID"));
    }

    @Test
    void shouldPutParentsFirstAndOtherwiseSortByName() throws DumpException {
        DumpSchema schema = new DumpSchema(List.of(table("A", true, fk("A_B", "C")), table("B", true),
                table("C", true, fk("C_D", "D"), fk("C_SELF", "C")), table("D", true)));
        assertEquals(List.of("B", "D", "C", "A"), DumpOrder.of(schema).stream().map(DumpSchema.Table::name).toList());
    }

    @Test
    void shouldRefuseACycleBetweenTables() {
        DumpSchema schema = new DumpSchema(List.of(table("A", true, fk("A_B", "B")), table("B", true, fk("B_A", "A"))));
        DumpException e = assertThrows(DumpException.class, () -> DumpOrder.of(schema));
        assertTrue(e.getMessage().contains("[A, B] form a cycle"), e.getMessage());
    }

    private static List<String[]> rows(String... idRef) {
        List<String[]> rows = new ArrayList<>();
        for (String r : idRef) {
            rows.add(r.split(":"));
        }
        return rows;
    }

    @Test
    void shouldPullParentsAheadAndCutCyclesWithAnUpdate() throws DumpException {
        DumpSchema.Table t = table("T", true, fk("T_SELF", "T"));
        SelfReferenceOrder.Result r = SelfReferenceOrder.of(t, rows("1:3", "2:NULL", "3:2", "4:4", "5:6", "6:5"));
        assertEquals(List.of("2:NULL", "3:2", "1:3", "4:NULL", "6:NULL", "5:6"),
                r.rows().stream().map(x -> x[0] + ":" + x[1]).toList());
        assertEquals(List.of("UPDATE \"T\" SET \"REF\" = 4 WHERE \"ID\" = 4;", "UPDATE \"T\" SET \"REF\" = 5 WHERE \"ID\" = 6;"),
                r.updates());
    }

    @Test
    void shouldRefuseACycleThroughANotNullColumn() {
        DumpSchema.Table t = table("T", false, fk("T_SELF", "T"));
        DumpException e = assertThrows(DumpException.class, () -> SelfReferenceOrder.of(t, rows("1:2", "2:1")));
        assertTrue(e.getMessage().contains("NOT NULL"), e.getMessage());
    }
}
