package io.persimmon.tools;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What {@link TpccTortureVerifier} reads of the TPC-C tables after a kill, in one transaction. */
final class TpccTortureSnapshot {
    /** An order with what its lines say: how many, how many delivered. */
    record Order(int district, int id, int customer, int lineCount, Integer carrier, int linesFound, int linesDelivered) {}

    record History(int district, int customer, long cents) {}

    record Customer(int district, int id, BigDecimal balance, BigDecimal ytd, int paymentCount, int deliveryCount) {}

    record Paid(BigDecimal sum, int count) {}

    /** Orders by "district/order". */
    final Map<String, Order> orders = new HashMap<>();
    final Set<String> newOrders = new HashSet<>();
    final List<History> history = new ArrayList<>();
    /** Customers by "district/customer", their history sums, the amounts and counts of their delivered orders. */
    final Map<String, Customer> customers = new HashMap<>();
    final Map<String, Paid> paid = new HashMap<>();
    final Map<String, BigDecimal> deliveredAmount = new HashMap<>();
    final Map<String, Integer> deliveredOrders = new HashMap<>();
    BigDecimal historySum = BigDecimal.ZERO;
    BigDecimal warehouseYtd;
    long stockOrderCount;
    long stockYtd;
    /** Order lines of the orders the run entered (O_ID above the loaded ones), and their quantity. */
    long runLines;
    long runQuantity;

    private TpccTortureSnapshot() {}

    static TpccTortureSnapshot read(Connection c) throws SQLException {
        TpccTortureSnapshot s = new TpccTortureSnapshot();
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement st = c.createStatement()) {
            Map<String, int[]> lines = new HashMap<>(); // found, delivered
            Map<String, BigDecimal> deliveredLineAmount = new HashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT OL_D_ID, OL_O_ID, OL_QUANTITY, OL_AMOUNT, OL_DELIVERY_D FROM ORDER_LINE")) {
                while (rs.next()) {
                    String key = rs.getInt(1) + "/" + rs.getInt(2);
                    int[] n = lines.computeIfAbsent(key, k -> new int[2]);
                    n[0]++;
                    if (rs.getTimestamp(5) != null) {
                        n[1]++;
                        deliveredLineAmount.merge(key, rs.getBigDecimal(4), BigDecimal::add);
                    }
                    if (rs.getInt(2) > TpccTortureData.ORDERS) {
                        s.runLines++;
                        s.runQuantity += rs.getInt(3);
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT O_D_ID, O_ID, O_C_ID, O_OL_CNT, O_CARRIER_ID FROM ORDERS")) {
                while (rs.next()) {
                    String key = rs.getInt(1) + "/" + rs.getInt(2);
                    int carrierId = rs.getInt(5);
                    Integer carrier = rs.wasNull() ? null : carrierId;
                    int[] n = lines.getOrDefault(key, new int[2]);
                    Order o = new Order(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), carrier, n[0], n[1]);
                    s.orders.put(key, o);
                    String customer = o.district() + "/" + o.customer();
                    s.deliveredAmount.merge(customer, deliveredLineAmount.getOrDefault(key, BigDecimal.ZERO), BigDecimal::add);
                    if (o.carrier() != null && o.id() >= TpccTortureData.FIRST_UNDELIVERED) {
                        s.deliveredOrders.merge(customer, 1, Integer::sum);
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT NO_D_ID, NO_O_ID FROM NEW_ORDER")) {
                while (rs.next()) {
                    s.newOrders.add(rs.getInt(1) + "/" + rs.getInt(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT H_C_D_ID, H_C_ID, H_AMOUNT FROM HISTORY")) {
                while (rs.next()) {
                    BigDecimal amount = rs.getBigDecimal(3);
                    s.history.add(new History(rs.getInt(1), rs.getInt(2), amount.movePointRight(2).longValueExact()));
                    s.historySum = s.historySum.add(amount);
                    s.paid.merge(rs.getInt(1) + "/" + rs.getInt(2), new Paid(amount, 1),
                            (a, b) -> new Paid(a.sum().add(b.sum()), a.count() + b.count()));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT C_D_ID, C_ID, C_BALANCE, C_YTD_PAYMENT, C_PAYMENT_CNT, "
                    + "C_DELIVERY_CNT FROM CUSTOMER")) {
                while (rs.next()) {
                    Customer cu = new Customer(rs.getInt(1), rs.getInt(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                            rs.getInt(5), rs.getInt(6));
                    s.customers.put(cu.district() + "/" + cu.id(), cu);
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT S_ORDER_CNT, S_YTD FROM STOCK")) {
                while (rs.next()) {
                    s.stockOrderCount += rs.getLong(1);
                    s.stockYtd += rs.getLong(2);
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT W_YTD FROM WAREHOUSE WHERE W_ID = 1")) {
                s.warehouseYtd = rs.next() ? rs.getBigDecimal(1) : null;
            }
        } finally {
            c.commit();
        }
        return s;
    }
}
