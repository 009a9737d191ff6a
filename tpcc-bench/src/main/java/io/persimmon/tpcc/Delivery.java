package io.persimmon.tpcc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * The Delivery transaction (clause 2.7), run as one database transaction for all ten districts of the
 * home warehouse: for each district, deletes the oldest NEW_ORDER row, sets the order's carrier, stamps
 * its lines' delivery date, and adds their amounts to the customer's balance. A district without an
 * undelivered order is skipped and counted.
 */
public final class Delivery implements TpccTransaction<Delivery.Input> {

    /** How often a district's oldest new order may vanish under us (taken by a concurrent Delivery). */
    private static final int MAX_CONCURRENT_DELETES = 100;

    /**
     * The input of one Delivery.
     *
     * @param warehouseId W_ID, the terminal's home warehouse
     * @param carrierId   O_CARRIER_ID, random in [1, 10]
     */
    public record Input(int warehouseId, int carrierId) {
    }

    private final Connection connection;
    private final TerminalContext context;
    private final PreparedStatement selectOldestNewOrder;
    private final PreparedStatement deleteNewOrder;
    private final PreparedStatement selectOrderCustomer;
    private final PreparedStatement updateOrderCarrier;
    private final PreparedStatement updateOrderLines;
    private final PreparedStatement sumOrderLines;
    private final PreparedStatement updateCustomer;
    private long skippedDistricts;
    private final int[] lastDelivered = new int[TpccSchema.DISTRICTS_PER_WAREHOUSE];

    /** Prepares the statements on {@code connection}. */
    public Delivery(Connection connection, Dialect dialect, TerminalContext context) throws SQLException {
        this.connection = connection;
        this.context = context;
        // The first row in primary-key order rather than MIN(NO_O_ID), and ordered by the whole key: H2
        // turns neither MIN with a key prefix nor ORDER BY NO_O_ID alone into one index probe, and would
        // scan the district's 900 rows.
        selectOldestNewOrder = connection.prepareStatement("SELECT NO_O_ID FROM NEW_ORDER WHERE NO_W_ID = ? "
                + "AND NO_D_ID = ? ORDER BY NO_W_ID, NO_D_ID, NO_O_ID" + dialect.firstRowOnly());
        deleteNewOrder = connection.prepareStatement(
                "DELETE FROM NEW_ORDER WHERE NO_W_ID = ? AND NO_D_ID = ? AND NO_O_ID = ?");
        selectOrderCustomer = connection.prepareStatement(
                "SELECT O_C_ID FROM ORDERS WHERE O_W_ID = ? AND O_D_ID = ? AND O_ID = ?");
        updateOrderCarrier = connection.prepareStatement(
                "UPDATE ORDERS SET O_CARRIER_ID = ? WHERE O_W_ID = ? AND O_D_ID = ? AND O_ID = ?");
        updateOrderLines = connection.prepareStatement(
                "UPDATE ORDER_LINE SET OL_DELIVERY_D = ? WHERE OL_W_ID = ? AND OL_D_ID = ? AND OL_O_ID = ?");
        sumOrderLines = connection.prepareStatement(
                "SELECT SUM(OL_AMOUNT) FROM ORDER_LINE WHERE OL_W_ID = ? AND OL_D_ID = ? AND OL_O_ID = ?");
        updateCustomer = connection.prepareStatement("UPDATE CUSTOMER SET C_BALANCE = C_BALANCE + ?, "
                + "C_DELIVERY_CNT = C_DELIVERY_CNT + 1 WHERE C_W_ID = ? AND C_D_ID = ? AND C_ID = ?");
    }

    @Override
    public Input generate(TpccRandom random) {
        return new Input(context.homeWarehouse(), random.uniform(1, 10));
    }

    @Override
    public Outcome execute(Input in) throws SQLException {
        int w = in.warehouseId();
        Timestamp now = new Timestamp(System.currentTimeMillis());
        for (int d = 1; d <= TpccSchema.DISTRICTS_PER_WAREHOUSE; d++) {
            int orderId = takeOldestNewOrder(w, d);
            lastDelivered[d - 1] = orderId;
            if (orderId < 0) {
                skippedDistricts++;
                continue;
            }
            int customerId;
            selectOrderCustomer.setInt(1, w);
            selectOrderCustomer.setInt(2, d);
            selectOrderCustomer.setInt(3, orderId);
            try (ResultSet rows = selectOrderCustomer.executeQuery()) {
                customerId = NewOrder.single(rows, "order " + w + "/" + d + "/" + orderId).getInt(1);
            }
            updateOrderCarrier.setInt(1, in.carrierId());
            updateOrderCarrier.setInt(2, w);
            updateOrderCarrier.setInt(3, d);
            updateOrderCarrier.setInt(4, orderId);
            updateOrderCarrier.executeUpdate();
            updateOrderLines.setTimestamp(1, now);
            updateOrderLines.setInt(2, w);
            updateOrderLines.setInt(3, d);
            updateOrderLines.setInt(4, orderId);
            updateOrderLines.executeUpdate();
            BigDecimal total;
            sumOrderLines.setInt(1, w);
            sumOrderLines.setInt(2, d);
            sumOrderLines.setInt(3, orderId);
            try (ResultSet rows = sumOrderLines.executeQuery()) {
                total = NewOrder.single(rows, "order lines of " + orderId).getBigDecimal(1);
            }
            updateCustomer.setBigDecimal(1, total == null ? BigDecimal.ZERO : total);
            updateCustomer.setInt(2, w);
            updateCustomer.setInt(3, d);
            updateCustomer.setInt(4, customerId);
            updateCustomer.executeUpdate();
        }
        connection.commit();
        return Outcome.COMMITTED;
    }

    /** Deletes the district's oldest NEW_ORDER row and returns its order id, or -1 when there is none. */
    private int takeOldestNewOrder(int w, int d) throws SQLException {
        for (int attempt = 0; attempt < MAX_CONCURRENT_DELETES; attempt++) {
            int orderId;
            selectOldestNewOrder.setInt(1, w);
            selectOldestNewOrder.setInt(2, d);
            try (ResultSet rows = selectOldestNewOrder.executeQuery()) {
                if (!rows.next()) {
                    return -1;
                }
                orderId = rows.getInt(1);
            }
            deleteNewOrder.setInt(1, w);
            deleteNewOrder.setInt(2, d);
            deleteNewOrder.setInt(3, orderId);
            if (deleteNewOrder.executeUpdate() == 1) {
                return orderId;
            }
            // Another Delivery committed this row's deletion first: take the next one.
        }
        throw new SQLException("Delivery: the oldest new order of district " + w + "/" + d
                + " kept vanishing (" + MAX_CONCURRENT_DELETES + " attempts)");
    }

    /**
     * The O_ID the last execution delivered in each district (index D_ID - 1), -1 where it skipped
     * the district. Crash tests report it.
     */
    public int[] lastDelivered() {
        return lastDelivered.clone();
    }

    /** Districts skipped so far because they had no undelivered order (clause 2.7.4.2). */
    long skippedDistricts() {
        return skippedDistricts;
    }
}
