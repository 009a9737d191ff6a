package io.persimmon.tpcc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the TPC-C consistency conditions 1 to 4 of clause 3.3.2, by SQL, on a quiet database:
 * <ol>
 *   <li>W_YTD = sum(D_YTD) for each warehouse;</li>
 *   <li>D_NEXT_O_ID - 1 = max(O_ID) = max(NO_O_ID) for each district;</li>
 *   <li>max(NO_O_ID) - min(NO_O_ID) + 1 = the number of NEW_ORDER rows, for each district;</li>
 *   <li>sum(O_OL_CNT) = the number of ORDER_LINE rows, for each district.</li>
 * </ol>
 * Amounts are compared to within half a cent, since SQLite stores DECIMAL as floating point.
 */
public final class ConsistencyCheck {

    static final String CONDITION_1 = "condition 1 (W_YTD = sum(D_YTD))";
    static final String CONDITION_2 = "condition 2 (D_NEXT_O_ID - 1 = max(O_ID) = max(NO_O_ID))";
    static final String CONDITION_3 = "condition 3 (max(NO_O_ID) - min(NO_O_ID) + 1 = count of NEW_ORDER rows)";
    static final String CONDITION_4 = "condition 4 (sum(O_OL_CNT) = count of ORDER_LINE rows)";

    private static final BigDecimal HALF_CENT = new BigDecimal("0.005");

    private ConsistencyCheck() {
    }

    /** Runs the check on {@code connection} for warehouses 1 to {@code warehouses}, then ends the transaction. */
    public static ConsistencyResult check(Connection connection, int warehouses) throws SQLException {
        List<String> failures = new ArrayList<>();
        Map<Integer, BigDecimal> warehouseYtd = new HashMap<>();
        Map<Integer, BigDecimal> districtYtdSum = new HashMap<>();
        forEachRow(connection, "SELECT W_ID, W_YTD FROM WAREHOUSE",
                rows -> warehouseYtd.put(rows.getInt(1), rows.getBigDecimal(2)));
        forEachRow(connection, "SELECT D_W_ID, SUM(D_YTD) FROM DISTRICT GROUP BY D_W_ID",
                rows -> districtYtdSum.put(rows.getInt(1), rows.getBigDecimal(2)));

        Map<String, Integer> nextOrderId = new HashMap<>();
        Map<String, Integer> maxOrderId = new HashMap<>();
        Map<String, Long> orderLineCountSum = new HashMap<>();
        Map<String, int[]> newOrders = new HashMap<>();
        Map<String, Long> orderLines = new HashMap<>();
        forEachRow(connection, "SELECT D_W_ID, D_ID, D_NEXT_O_ID FROM DISTRICT",
                rows -> nextOrderId.put(key(rows), rows.getInt(3)));
        forEachRow(connection, "SELECT O_W_ID, O_D_ID, MAX(O_ID), SUM(O_OL_CNT) FROM ORDERS GROUP BY O_W_ID, O_D_ID",
                rows -> {
                    maxOrderId.put(key(rows), rows.getInt(3));
                    orderLineCountSum.put(key(rows), rows.getLong(4));
                });
        forEachRow(connection, "SELECT NO_W_ID, NO_D_ID, MAX(NO_O_ID), MIN(NO_O_ID), COUNT(*) FROM NEW_ORDER "
                        + "GROUP BY NO_W_ID, NO_D_ID",
                rows -> newOrders.put(key(rows), new int[] {rows.getInt(3), rows.getInt(4), rows.getInt(5)}));
        forEachRow(connection, "SELECT OL_W_ID, OL_D_ID, COUNT(*) FROM ORDER_LINE GROUP BY OL_W_ID, OL_D_ID",
                rows -> orderLines.put(key(rows), rows.getLong(3)));
        if (!connection.getAutoCommit()) {
            connection.commit();
        }

        for (int w = 1; w <= warehouses; w++) {
            BigDecimal ytd = warehouseYtd.get(w);
            BigDecimal sum = districtYtdSum.get(w);
            if (ytd == null || sum == null || ytd.subtract(sum).abs().compareTo(HALF_CENT) > 0) {
                failures.add(CONDITION_1 + " in warehouse " + w + ": W_YTD = " + plain(ytd)
                        + ", sum(D_YTD) = " + plain(sum));
            }
            for (int d = 1; d <= TpccSchema.DISTRICTS_PER_WAREHOUSE; d++) {
                String district = w + "/" + d;
                Integer next = nextOrderId.get(district);
                Integer maxOrder = maxOrderId.get(district);
                int[] newOrder = newOrders.get(district);
                Integer maxNewOrder = newOrder == null ? null : newOrder[0];
                boolean condition2 = next != null && maxOrder != null && next - 1 == maxOrder
                        && (maxNewOrder == null || maxNewOrder.equals(maxOrder));
                if (!condition2) {
                    failures.add(CONDITION_2 + " in district " + district + ": D_NEXT_O_ID - 1 = "
                            + (next == null ? "missing" : next - 1) + ", max(O_ID) = " + maxOrder
                            + ", max(NO_O_ID) = " + maxNewOrder);
                }
                if (newOrder != null && newOrder[0] - newOrder[1] + 1 != newOrder[2]) {
                    failures.add(CONDITION_3 + " in district " + district + ": max - min + 1 = "
                            + (newOrder[0] - newOrder[1] + 1) + ", rows = " + newOrder[2]);
                }
                Long expectedLines = orderLineCountSum.get(district);
                Long actualLines = orderLines.get(district);
                if (expectedLines == null || !expectedLines.equals(actualLines)) {
                    failures.add(CONDITION_4 + " in district " + district + ": sum(O_OL_CNT) = " + expectedLines
                            + ", ORDER_LINE rows = " + actualLines);
                }
            }
        }
        return new ConsistencyResult(failures);
    }

    @FunctionalInterface
    private interface RowConsumer {
        void accept(ResultSet rows) throws SQLException;
    }

    private static void forEachRow(Connection connection, String sql, RowConsumer consumer) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                consumer.accept(rows);
            }
        }
    }

    private static String key(ResultSet rows) throws SQLException {
        return rows.getInt(1) + "/" + rows.getInt(2);
    }

    private static String plain(BigDecimal value) {
        return value == null ? "missing" : value.stripTrailingZeros().toPlainString();
    }
}
