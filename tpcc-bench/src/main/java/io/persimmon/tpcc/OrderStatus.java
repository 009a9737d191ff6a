package io.persimmon.tpcc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The Order-Status transaction (clause 2.6), read-only: a customer's balance and the lines of their most
 * recent order. The customer is chosen by last name 60% of the time.
 */
public final class OrderStatus implements TpccTransaction<OrderStatus.Input> {

    /**
     * The input of one Order-Status.
     *
     * @param warehouseId      W_ID, the terminal's home warehouse
     * @param districtId       D_ID, random in [1, 10]
     * @param customerId       C_ID when chosen by id, else 0
     * @param customerLastName C_LAST when chosen by last name, else null
     */
    public record Input(int warehouseId, int districtId, int customerId, String customerLastName) {
        /** Whether the customer is chosen by last name. */
        public boolean byLastName() {
            return customerLastName != null;
        }
    }

    private final Connection connection;
    private final TerminalContext context;
    private final CustomerLookup lookup;
    private final PreparedStatement selectCustomer;
    private final PreparedStatement selectLastOrder;
    private final PreparedStatement selectOrderLines;
    private int lastLineCount;

    /** Prepares the statements on {@code connection}. */
    public OrderStatus(Connection connection, TerminalContext context) throws SQLException {
        this.connection = connection;
        this.context = context;
        lookup = new CustomerLookup(connection);
        selectCustomer = connection.prepareStatement("SELECT C_BALANCE, C_FIRST, C_MIDDLE, C_LAST FROM CUSTOMER "
                + "WHERE C_W_ID = ? AND C_D_ID = ? AND C_ID = ?");
        selectLastOrder = connection.prepareStatement("SELECT O_ID, O_ENTRY_D, O_CARRIER_ID FROM ORDERS "
                + "WHERE O_W_ID = ? AND O_D_ID = ? AND O_C_ID = ? AND O_ID = "
                + "(SELECT MAX(O_ID) FROM ORDERS WHERE O_W_ID = ? AND O_D_ID = ? AND O_C_ID = ?)");
        selectOrderLines = connection.prepareStatement("SELECT OL_I_ID, OL_SUPPLY_W_ID, OL_QUANTITY, OL_AMOUNT, "
                + "OL_DELIVERY_D FROM ORDER_LINE WHERE OL_W_ID = ? AND OL_D_ID = ? AND OL_O_ID = ?");
    }

    @Override
    public Input generate(TpccRandom random) {
        int d = random.uniform(1, TpccSchema.DISTRICTS_PER_WAREHOUSE);
        if (random.uniform(1, 100) <= 60) {
            return new Input(context.homeWarehouse(), d, 0,
                    TpccRandom.lastName(context.constants().lastNameNumber(random)));
        }
        return new Input(context.homeWarehouse(), d, context.constants().customerId(random), null);
    }

    @Override
    public Outcome execute(Input in) throws SQLException {
        int w = in.warehouseId();
        int d = in.districtId();
        int cId = in.byLastName() ? lookup.byLastName(w, d, in.customerLastName()) : in.customerId();
        selectCustomer.setInt(1, w);
        selectCustomer.setInt(2, d);
        selectCustomer.setInt(3, cId);
        try (ResultSet rows = selectCustomer.executeQuery()) {
            NewOrder.single(rows, "customer " + w + "/" + d + "/" + cId);
        }
        int orderId;
        selectLastOrder.setInt(1, w);
        selectLastOrder.setInt(2, d);
        selectLastOrder.setInt(3, cId);
        selectLastOrder.setInt(4, w);
        selectLastOrder.setInt(5, d);
        selectLastOrder.setInt(6, cId);
        try (ResultSet rows = selectLastOrder.executeQuery()) {
            orderId = NewOrder.single(rows, "last order of customer " + cId).getInt(1);
        }
        int lines = 0;
        selectOrderLines.setInt(1, w);
        selectOrderLines.setInt(2, d);
        selectOrderLines.setInt(3, orderId);
        try (ResultSet rows = selectOrderLines.executeQuery()) {
            while (rows.next()) {
                lines++;
            }
        }
        lastLineCount = lines;
        connection.commit();
        return Outcome.COMMITTED;
    }

    /** The number of order lines the last execution displayed. */
    int lastLineCount() {
        return lastLineCount;
    }
}
