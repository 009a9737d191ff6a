package io.persimmon.sql.rel;

import io.persimmon.sql.SqlTestSupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every planner rule: the plan it gives and the rows that plan returns. */
class PersimmonRulesTest extends SqlTestSupport {
    @BeforeEach
    void createTables() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, v INT, name VARCHAR(10))");
        exec("CREATE INDEX t_v ON t (v)");
        exec("CREATE TABLE line (o INT, n INT, qty INT, PRIMARY KEY (o, n))");
        StringBuilder rows = new StringBuilder();
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 50; i++) {
            rows.append(i == 1 ? "" : ", ").append("(").append(i).append(", ").append(i % 10).append(", 'n")
                    .append(i).append("')");
            lines.append(i == 1 ? "" : ", ").append("(").append((i - 1) / 5 + 1).append(", ").append((i - 1) % 5 + 1)
                    .append(", ").append(i).append(")");
        }
        exec("INSERT INTO t VALUES " + rows);
        exec("INSERT INTO line VALUES " + lines);
    }

    private void assertPlan(String query, String... fragments) throws Exception {
        String plan = plan(query);
        for (String f : fragments) {
            assertTrue(plan.contains(f), () -> "plan lacks " + f + ":\n" + plan);
        }
    }

    @Test
    void shouldLookUpPrimaryKeyByParameter() throws Exception {
        assertPlan("SELECT name FROM t WHERE id = ?", "access=[PRIMARY KEY = [?0]]");
        assertEquals(List.of("n7"), text("SELECT name FROM t WHERE id = ?", 7));
        assertEquals(List.of(), text("SELECT name FROM t WHERE id = ?", 700));
        assertEquals(List.of(), text("SELECT name FROM t WHERE id = ?", (Object) null));
    }

    @Test
    void shouldLookUpPrimaryKeyByLiteral() throws Exception {
        assertPlan("SELECT name FROM t WHERE id = 7", "access=[PRIMARY KEY = [?0]]"); // the literal is ?0 of the shared plan
        assertEquals(List.of("n7"), text("SELECT name FROM t WHERE 7 = id"));
    }

    @Test
    void shouldScanKeyPrefix() throws Exception {
        assertPlan("SELECT n, qty FROM line WHERE o = ?", "access=[PRIMARY KEY = [?0]]");
        assertEquals(List.of("1, 6", "2, 7", "3, 8", "4, 9", "5, 10"), text("SELECT n, qty FROM line WHERE o = ?", 2));
        assertPlan("SELECT qty FROM line WHERE o = 3 AND n = 2", "access=[PRIMARY KEY = [?0, ?1]]");
        assertEquals(List.of("12"), text("SELECT qty FROM line WHERE o = 3 AND n = 2"));
    }

    @Test
    void shouldScanRanges() throws Exception {
        assertPlan("SELECT id FROM t WHERE id > 5 AND id <= 8", "RANGE [?0, ?1]");
        assertEquals(List.of("6", "7", "8"), text("SELECT id FROM t WHERE id > 5 AND id <= 8"));
        assertPlan("SELECT id FROM t WHERE id >= ? AND id < ?", "RANGE [?0, ?1]");
        assertEquals(List.of("48", "49"), text("SELECT id FROM t WHERE id >= ? AND id < ?", 48, 50));
        assertPlan("SELECT id FROM t WHERE id BETWEEN 10 AND 12", "RANGE [?0, ?1]");
        assertEquals(List.of("10", "11", "12"), text("SELECT id FROM t WHERE id BETWEEN 10 AND 12"));
        assertPlan("SELECT qty FROM line WHERE o = 2 AND n > 3", "PRIMARY KEY = [?0] RANGE [?1, ]");
        assertEquals(List.of("9", "10"), text("SELECT qty FROM line WHERE o = 2 AND n > 3"));
        assertEquals(List.of("50"), text("SELECT id FROM t WHERE id > 49"));
    }

    @Test
    void shouldLookUpInListPoints() throws Exception {
        assertPlan("SELECT id FROM t WHERE id IN (3, 1, 44)", "PRIMARY KEY IN [1, 3, 44]");
        assertEquals(List.of("1", "3", "44"), text("SELECT id FROM t WHERE id IN (3, 1, 44, 99)"));
        assertEquals(List.of("11", "12"), text("SELECT qty FROM line WHERE o = 3 AND n IN (1, 2)"));
    }

    @Test
    void shouldUseSecondaryIndexWhenSelective() throws Exception {
        assertPlan("SELECT id FROM t WHERE v = ?", "access=[T_V = [?0]]");
        assertEquals(List.of("3", "13", "23", "33", "43"), text("SELECT id FROM t WHERE v = ? ORDER BY id", 3));
        assertPlan("SELECT id FROM t WHERE v = 3 AND id = 13", "access=[PRIMARY KEY = [?1]]");
        assertEquals(List.of("13"), text("SELECT id FROM t WHERE v = 3 AND id = 13"));
    }

    @Test
    void shouldServeOrderByKeyDescendingWithOneEntry() throws Exception {
        String q = "SELECT id, name FROM t ORDER BY id DESC LIMIT 1";
        String plan = plan(q);
        assertTrue(plan.contains("PRIMARY KEY DESC"), plan);
        assertTrue(plan.contains("PersimmonLimit(fetch=[1])"), plan);
        assertFalse(plan.contains("Sort"), plan);
        assertEquals(List.of("50, n50"), text(q));
        assertEquals(List.of("n50", "n49", "n48"), text("SELECT name FROM t ORDER BY id DESC LIMIT 3"));
    }

    @Test
    void shouldServeOrderByAfterEqualityPrefix() throws Exception {
        String q = "SELECT n FROM line WHERE o = ? ORDER BY n DESC LIMIT 2";
        String plan = plan(q);
        assertTrue(plan.contains("PRIMARY KEY = [?0] DESC"), plan);
        assertFalse(plan.contains("Sort"), plan);
        assertEquals(List.of("5", "4"), text(q, 4));
    }

    @Test
    void shouldServeOrderByIndex() throws Exception {
        String q = "SELECT v, id FROM t ORDER BY v DESC LIMIT 2";
        String plan = plan(q);
        assertTrue(plan.contains("T_V DESC"), plan);
        assertFalse(plan.contains("Sort"), plan);
        assertEquals(List.of("9, 49", "9, 39"), text(q));
        assertEquals(List.of("0", "0", "0", "0", "0", "1"), text("SELECT v FROM t ORDER BY v LIMIT 6"));
    }

    @Test
    void shouldPlanCommaJoinsWithKeyConditions() throws Exception {
        String q = "SELECT t.name, line.qty FROM t, line WHERE t.id = line.qty AND line.o = ? AND line.n BETWEEN 2 AND 3";
        assertPlan(q, "PRIMARY KEY = [?0] RANGE [2, 3]");
        assertEquals(List.of("n12, 12", "n13, 13"), text(q + " ORDER BY 2", 3));
    }

    @Test
    void shouldJoinThroughIndexLookups() throws Exception {
        String q = "SELECT line.n, t.name FROM line JOIN t ON t.id = line.qty WHERE line.o = ?";
        String plan = plan(q);
        assertTrue(plan.contains("PersimmonIndexJoin(joinType=[inner], inner=[[PUBLIC, T]], columns=[[ID, NAME]], "
                + "access=[PRIMARY KEY = [$2]])"), plan);
        assertEquals(List.of("1, n6", "2, n7", "3, n8", "4, n9", "5, n10"), text(q + " ORDER BY line.n", 2));
        String byIndex = "SELECT line.n, t.id FROM line JOIN t ON t.v = line.n WHERE line.o = 1 AND line.n <= 2";
        assertTrue(plan(byIndex).contains("access=[T_V = [$1]]"), plan(byIndex));
        assertEquals(List.of("1, 1", "1, 11", "1, 21", "1, 31", "1, 41", "2, 2", "2, 12", "2, 22", "2, 32", "2, 42"),
                text(byIndex + " ORDER BY 1, 2"));
    }

    @Test
    void shouldLeftJoinThroughIndexLookups() throws Exception {
        exec("INSERT INTO line VALUES (20, 1, 999)");
        String q = "SELECT line.qty, t.name FROM line LEFT JOIN t ON t.id = line.qty WHERE line.o IN (1, 20)";
        String plan = plan(q);
        assertTrue(plan.contains("PersimmonIndexJoin(joinType=[left]"), plan);
        assertEquals(List.of("1, n1", "2, n2", "3, n3", "4, n4", "5, n5", "999, null"), text(q + " ORDER BY 1"));
    }

    @Test
    void shouldCostIndexesByTheirDistinctKeys() throws Exception {
        exec("CREATE TABLE f (id INT PRIMARY KEY, flag INT)");
        exec("CREATE INDEX f_flag ON f (flag)");
        exec("CREATE INDEX f_id ON f (id, flag)");
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= 200; i++) {
            rows.append(i == 1 ? "" : ", ").append("(").append(i).append(", ").append(i % 2).append(")");
        }
        exec("INSERT INTO f VALUES " + rows);
        String q = "SELECT id FROM f WHERE flag = 1 AND id > 190";
        String plan = plan(q);
        assertTrue(plan.contains("access=[PRIMARY KEY RANGE [?1, ]]"), "two flag values: the key range reads less\n" + plan);
        assertEquals(List.of("191", "193", "195", "197", "199"), text(q + " ORDER BY id"));
    }

    @Test
    void shouldReadOneEntryForOrderByKeyDescLimitOne() throws Exception {
        session.setAutoCommit(false);
        assertEquals(List.of("50"), text("SELECT id FROM t ORDER BY id DESC LIMIT 1 FOR UPDATE"));
        try (io.persimmon.sql.api.Session other = sql.openSession()) {
            assertEquals(1, exec(other, "UPDATE t SET v = 0 WHERE id = 49"), "row 49 was not read, so not locked");
            assertState("55P03", () -> exec(other, "UPDATE t SET v = 0 WHERE id = 50"));
        }
        session.rollback();
    }

    /** CUSTOMER of TPC-C, small: (w, d, c) keys with a SMALLINT district, and the by-name index. */
    private void createCustomers() throws Exception {
        exec("CREATE TABLE customer (c_id INTEGER, c_d_id SMALLINT, c_w_id INTEGER, c_last VARCHAR(16), "
                + "c_first VARCHAR(16), PRIMARY KEY (c_w_id, c_d_id, c_id))");
        exec("CREATE INDEX customer_name ON customer (c_w_id, c_d_id, c_last, c_first)");
        StringBuilder rows = new StringBuilder();
        for (int w = 1; w <= 2; w++) {
            for (int d = 1; d <= 10; d++) {
                for (int c = 1; c <= 10; c++) {
                    rows.append(rows.isEmpty() ? "" : ", ").append("(").append(c).append(", ").append(d).append(", ")
                            .append(w).append(", '").append(c % 3 == 0 ? "BARBARBAR" : "OUGHT" + c).append("', 'F")
                            .append(20 - c).append("')");
                }
            }
        }
        rows.append(", (1, -32768, 1, 'MIN', 'F'), (1, 32767, 1, 'MAX', 'F')");
        exec("INSERT INTO customer VALUES " + rows);
    }

    @Test
    void shouldUseSmallintKeyColumnsThroughCasts() throws Exception {
        createCustomers();
        String q = "SELECT c_id FROM customer WHERE c_w_id = 1 AND c_d_id = 2 AND c_last = 'BARBARBAR' ORDER BY c_first";
        assertPlan(q, "access=[CUSTOMER_NAME = [?0, ?1, ?2]]");
        assertFalse(plan(q).contains("Sort"), "the index gives c_first's order after the prefix\n" + plan(q));
        assertEquals(List.of("9", "6", "3"), text(q));
        String p = "SELECT c_id FROM customer WHERE c_w_id = ? AND c_d_id = ? AND c_last = ? ORDER BY c_first";
        assertPlan(p, "access=[CUSTOMER_NAME = [?0, ?1, ?2]]");
        assertFalse(plan(p).contains("Sort"), plan(p));
        assertEquals(List.of("9", "6", "3"), text(p, 2, 2, "BARBARBAR"));
        assertPlan("SELECT c_id FROM customer WHERE c_w_id = 2 AND c_d_id = 3 AND c_id = 4",
                "access=[PRIMARY KEY = [?0, ?1, ?2]]");
        assertEquals(List.of("4"), text("SELECT c_id FROM customer WHERE c_w_id = 2 AND c_d_id = 3 AND c_id = 4"));
    }

    @Test
    void shouldUseSmallintKeyColumnsInListsAndRanges() throws Exception {
        createCustomers();
        String in = "SELECT c_d_id, c_id FROM customer WHERE c_w_id = 1 AND c_d_id IN (3, 5, 40000) AND c_id = 2";
        assertPlan(in, "PRIMARY KEY = [?0] IN [3, 5, 40000]");
        assertEquals(List.of("3, 2", "5, 2"), text(in + " ORDER BY 1"));
        String range = "SELECT COUNT(*) FROM customer WHERE c_w_id = 1 AND c_d_id BETWEEN 2 AND 4";
        assertPlan(range, "PRIMARY KEY = [?0] RANGE [?1, ?2]");
        assertEquals(List.of("30"), text(range));
        String params = "SELECT COUNT(*) FROM customer WHERE c_w_id = 1 AND c_d_id > ? AND c_d_id <= ?";
        assertPlan(params, "PRIMARY KEY = [1] RANGE [?0, ?1]");
        assertEquals(List.of("20"), text(params, 8, 10));
    }

    @Test
    void shouldTreatValuesOutsideASmallintKeyAsBounds() throws Exception {
        createCustomers();
        assertPlan("SELECT c_id FROM customer WHERE c_w_id = 1 AND c_d_id = 40000", "PRIMARY KEY = [1, 40000]");
        assertEquals(List.of(), text("SELECT c_id FROM customer WHERE c_w_id = 1 AND c_d_id = 40000"));
        assertEquals(List.of(), text("SELECT c_id FROM customer WHERE c_w_id = 1 AND c_d_id = -40000"));
        assertEquals(List.of(), text("SELECT c_id FROM customer WHERE c_w_id = 1 AND c_d_id IN (40000, -40000)"));
        assertEquals(List.of("102"), text("SELECT COUNT(*) FROM customer WHERE c_w_id = 1 AND c_d_id < 40000"));
        assertEquals(List.of("102"), text("SELECT COUNT(*) FROM customer WHERE c_w_id = 1 AND c_d_id > -40000"));
        assertEquals(List.of("0"), text("SELECT COUNT(*) FROM customer WHERE c_w_id = 1 AND c_d_id > 40000"));
        assertEquals(List.of("0"), text("SELECT COUNT(*) FROM customer WHERE c_w_id = 1 AND c_d_id < -40000"));
        assertEquals(List.of("1"), text("SELECT COUNT(*) FROM customer WHERE c_w_id = 1 AND c_d_id >= 32767"));
        assertEquals(List.of("1"), text("SELECT COUNT(*) FROM customer WHERE c_w_id = 1 AND c_d_id <= -32768"));
        assertEquals(List.of("101"), text("SELECT COUNT(*) FROM customer WHERE c_w_id = 1 AND c_d_id BETWEEN 1 AND 40000"));
        String p = "SELECT COUNT(*) FROM customer WHERE c_w_id = ? AND c_d_id = CAST(? AS INTEGER)";
        assertPlan(p, "PRIMARY KEY = [?0, ?1]");
        assertEquals(List.of("0"), text(p, 1, 40000));
        assertEquals(List.of("10"), text(p, 1, 4));
        assertState("22003", () -> text("SELECT c_id FROM customer WHERE c_d_id = ?", 40000)); // typed SMALLINT
        String r = "SELECT COUNT(*) FROM customer WHERE c_w_id = ? AND c_d_id >= CAST(? AS INTEGER) "
                + "AND c_d_id < CAST(? AS INTEGER)";
        assertPlan(r, "PRIMARY KEY = [?0] RANGE [?1, ?2]");
        assertEquals(List.of("102"), text(r, 1, -40000, 40000));
        assertEquals(List.of("0"), text(r, 1, 40000, 50000));
        assertEquals(List.of("0"), text(r, 1, -50000, -40000));
        assertEquals(List.of("0"), text("SELECT COUNT(*) FROM customer WHERE c_w_id = 1 AND c_d_id = 2.5"));
        assertEquals(List.of("20"), text("SELECT COUNT(*) FROM customer WHERE c_w_id = 1 AND c_d_id > 2.5 AND c_d_id < 4.5"));
    }

    /**
     * ORDER_LINE and STOCK of TPC-C, small: 2 warehouses, 3 districts, orders 1..30 of 3 lines, 200 items. Each has
     * a column the queries do not use, as the real tables do, so that Calcite trims it with a Project over the scan.
     */
    private void createStock() throws Exception {
        exec("CREATE TABLE order_line (ol_o_id INTEGER, ol_d_id SMALLINT, ol_w_id INTEGER, ol_number SMALLINT, "
                + "ol_i_id INTEGER, ol_amount DECIMAL(6,2), PRIMARY KEY (ol_w_id, ol_d_id, ol_o_id, ol_number))");
        exec("CREATE TABLE stock (s_i_id INTEGER, s_w_id INTEGER, s_quantity SMALLINT, s_data VARCHAR(50), "
                + "PRIMARY KEY (s_w_id, s_i_id))");
        for (int w = 1; w <= 2; w++) {
            for (int d = 1; d <= 3; d++) {
                StringBuilder lines = new StringBuilder();
                for (int o = 1; o <= 30; o++) {
                    for (int n = 1; n <= 3; n++) {
                        lines.append(lines.isEmpty() ? "" : ", ").append("(").append(o).append(", ").append(d)
                                .append(", ").append(w).append(", ").append(n).append(", ")
                                .append((o * 7 + n * 13 + d) % 200 + 1).append(")");
                    }
                }
                exec("INSERT INTO order_line (ol_o_id, ol_d_id, ol_w_id, ol_number, ol_i_id) VALUES " + lines);
            }
        }
        for (int w = 1; w <= 2; w++) {
            StringBuilder stock = new StringBuilder();
            for (int i = 1; i <= 200; i++) {
                stock.append(stock.isEmpty() ? "" : ", ").append("(").append(i).append(", ").append(w).append(", ")
                        .append((i * 37 + w) % 100).append(")");
            }
            exec("INSERT INTO stock (s_i_id, s_w_id, s_quantity) VALUES " + stock);
        }
    }

    @Test
    void shouldJoinStockLevelThroughIndexLookups() throws Exception {
        createStock();
        String q = "SELECT COUNT(DISTINCT s_i_id) FROM order_line, stock WHERE ol_w_id = 1 AND ol_d_id = 1 "
                + "AND ol_o_id < 21 AND ol_o_id >= 11 AND s_w_id = 1 AND s_i_id = ol_i_id AND s_quantity < 15";
        String plan = plan(q);
        assertTrue(plan.contains("access=[PRIMARY KEY = [?0, ?1] RANGE [?3, ?2]])"), plan);
        assertTrue(plan.contains("PersimmonIndexJoin(joinType=[inner], inner=[[PUBLIC, STOCK]], "
                + "columns=[[S_I_ID, S_W_ID, S_QUANTITY]], access=[PRIMARY KEY = [?4, $"), "S_DATA is not decoded\n" + plan);
        assertTrue(plan.contains("PersimmonTableScan(table=[[PUBLIC, ORDER_LINE]], columns=[[OL_O_ID, OL_D_ID, OL_W_ID, "
                + "OL_NUMBER, OL_I_ID]]"), "OL_AMOUNT is not decoded\n" + plan);
        assertFalse(plan.contains("HashJoin"), plan);
        java.util.Set<Integer> items = new java.util.HashSet<>();
        for (int o = 11; o < 21; o++) {
            for (int n = 1; n <= 3; n++) {
                int i = (o * 7 + n * 13 + 1) % 200 + 1;
                if ((i * 37 + 1) % 100 < 15) {
                    items.add(i);
                }
            }
        }
        int expected = items.size();
        assertTrue(expected > 0);
        assertEquals(List.of(String.valueOf(expected)), text(q));
        String p = "SELECT COUNT(DISTINCT s_i_id) FROM order_line, stock WHERE ol_w_id = ? AND ol_d_id = ? "
                + "AND ol_o_id < ? AND ol_o_id >= ? AND s_w_id = ? AND s_i_id = ol_i_id AND s_quantity < ?";
        String pplan = plan(p);
        assertTrue(pplan.contains("PersimmonIndexJoin(joinType=[inner], inner=[[PUBLIC, STOCK]], "
                + "columns=[[S_I_ID, S_W_ID, S_QUANTITY]], access=[PRIMARY KEY = [?"), pplan);
        assertEquals(List.of(String.valueOf(expected)), text(p, 1, 1, 21, 11, 1, 15));
        String district = "SELECT COUNT(*) FROM order_line, stock WHERE ol_w_id = 2 AND ol_d_id = 3 "
                + "AND s_w_id = 2 AND s_i_id = ol_i_id AND s_quantity < 50";
        String dplan = plan(district);
        assertTrue(dplan.contains("access=[PRIMARY KEY = [?2, $4]]"), "90 lookups beat a scan of 200 stock rows\n" + dplan);
        int lines = 0;
        for (int o = 1; o <= 30; o++) {
            for (int n = 1; n <= 3; n++) {
                int i = (o * 7 + n * 13 + 3) % 200 + 1;
                lines += (i * 37 + 2) % 100 < 50 ? 1 : 0;
            }
        }
        assertEquals(List.of(String.valueOf(lines)), text(district));
    }
}
