package io.persimmon.tpcc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * The New-Order transaction (clause 2.4): enters an order of 5 to 15 lines for a customer. Reads the
 * district row with SELECT ... FOR UPDATE to take the next order id, inserts ORDERS and NEW_ORDER, then
 * for each line reads the item, updates the stock and inserts the order line (batched). 1% of the
 * orders carry an unused item id as their last line and are rolled back (an expected abort).
 */
public final class NewOrder implements TpccTransaction<NewOrder.Input> {

    /** An item id that does not exist, used by the 1% rolled-back orders. */
    static final int UNUSED_ITEM_ID = TpccSchema.ITEMS + 1;

    /**
     * The input of one New-Order.
     *
     * @param warehouseId        W_ID, the terminal's home warehouse
     * @param districtId         D_ID, random in [1, 10]
     * @param customerId         C_ID, NURand(1023, 1, 3000)
     * @param itemIds            OL_I_ID per line (the last is {@link #UNUSED_ITEM_ID} for a rollback)
     * @param supplyWarehouseIds OL_SUPPLY_W_ID per line (1% remote when W > 1)
     * @param quantities         OL_QUANTITY per line, in [1, 10]
     */
    public record Input(int warehouseId, int districtId, int customerId, int[] itemIds, int[] supplyWarehouseIds,
                        int[] quantities) {
        /** Whether every line is supplied by the home warehouse. */
        public boolean allLocal() {
            for (int supply : supplyWarehouseIds) {
                if (supply != warehouseId) {
                    return false;
                }
            }
            return true;
        }

        /** Whether the order carries the unused item id (and will be rolled back). */
        public boolean rollsBack() {
            return itemIds[itemIds.length - 1] == UNUSED_ITEM_ID;
        }
    }

    private final Connection connection;
    private final TerminalContext context;
    private final PreparedStatement selectWarehouse;
    private final PreparedStatement selectDistrict;
    private final PreparedStatement updateDistrict;
    private final PreparedStatement selectCustomer;
    private final PreparedStatement insertOrder;
    private final PreparedStatement insertNewOrder;
    private final PreparedStatement selectItem;
    private final PreparedStatement selectStock;
    private final PreparedStatement updateStock;
    private final PreparedStatement insertOrderLine;
    private BigDecimal lastTotal = BigDecimal.ZERO;
    private long brandLines;
    private int lastOrderId;

    /** Prepares the statements on {@code connection}. */
    public NewOrder(Connection connection, Dialect dialect, TerminalContext context) throws SQLException {
        this.connection = connection;
        this.context = context;
        selectWarehouse = connection.prepareStatement("SELECT W_TAX FROM WAREHOUSE WHERE W_ID = ?");
        selectDistrict = connection.prepareStatement(
                "SELECT D_TAX, D_NEXT_O_ID FROM DISTRICT WHERE D_W_ID = ? AND D_ID = ?" + dialect.forUpdate());
        updateDistrict = connection.prepareStatement(
                "UPDATE DISTRICT SET D_NEXT_O_ID = ? WHERE D_W_ID = ? AND D_ID = ?");
        selectCustomer = connection.prepareStatement(
                "SELECT C_DISCOUNT, C_LAST, C_CREDIT FROM CUSTOMER WHERE C_W_ID = ? AND C_D_ID = ? AND C_ID = ?");
        insertOrder = connection.prepareStatement("INSERT INTO ORDERS (O_ID, O_D_ID, O_W_ID, O_C_ID, O_ENTRY_D, "
                + "O_CARRIER_ID, O_OL_CNT, O_ALL_LOCAL) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)");
        insertNewOrder = connection.prepareStatement(
                "INSERT INTO NEW_ORDER (NO_O_ID, NO_D_ID, NO_W_ID) VALUES (?, ?, ?)");
        selectItem = connection.prepareStatement("SELECT I_PRICE, I_NAME, I_DATA FROM ITEM WHERE I_ID = ?");
        selectStock = connection.prepareStatement("SELECT S_QUANTITY, S_DATA, S_DIST_01, S_DIST_02, S_DIST_03, "
                + "S_DIST_04, S_DIST_05, S_DIST_06, S_DIST_07, S_DIST_08, S_DIST_09, S_DIST_10 "
                + "FROM STOCK WHERE S_W_ID = ? AND S_I_ID = ?" + dialect.forUpdate());
        updateStock = connection.prepareStatement("UPDATE STOCK SET S_QUANTITY = ?, S_YTD = S_YTD + ?, "
                + "S_ORDER_CNT = S_ORDER_CNT + 1, S_REMOTE_CNT = S_REMOTE_CNT + ? WHERE S_W_ID = ? AND S_I_ID = ?");
        insertOrderLine = connection.prepareStatement("INSERT INTO ORDER_LINE (OL_O_ID, OL_D_ID, OL_W_ID, "
                + "OL_NUMBER, OL_I_ID, OL_SUPPLY_W_ID, OL_DELIVERY_D, OL_QUANTITY, OL_AMOUNT, OL_DIST_INFO) "
                + "VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)");
    }

    @Override
    public Input generate(TpccRandom random) {
        int lines = random.uniform(5, 15);
        boolean rollback = random.uniform(1, 100) == 1;
        int[] items = new int[lines];
        int[] supply = new int[lines];
        int[] quantities = new int[lines];
        for (int i = 0; i < lines; i++) {
            items[i] = rollback && i == lines - 1 ? UNUSED_ITEM_ID : context.constants().itemId(random);
            supply[i] = context.warehouses() > 1 && random.uniform(1, 100) == 1
                    ? context.otherWarehouse(random) : context.homeWarehouse();
            quantities[i] = random.uniform(1, 10);
        }
        return new Input(context.homeWarehouse(), random.uniform(1, TpccSchema.DISTRICTS_PER_WAREHOUSE),
                context.constants().customerId(random), items, supply, quantities);
    }

    @Override
    public Outcome execute(Input in) throws SQLException {
        int w = in.warehouseId();
        int d = in.districtId();
        // A failed earlier attempt (retried with the same input) may have left lines in the batch.
        insertOrderLine.clearBatch();
        BigDecimal warehouseTax;
        selectWarehouse.setInt(1, w);
        try (ResultSet rows = selectWarehouse.executeQuery()) {
            warehouseTax = single(rows, "warehouse " + w).getBigDecimal(1);
        }
        BigDecimal districtTax;
        int orderId;
        selectDistrict.setInt(1, w);
        selectDistrict.setInt(2, d);
        try (ResultSet rows = selectDistrict.executeQuery()) {
            single(rows, "district " + w + "/" + d);
            districtTax = rows.getBigDecimal(1);
            orderId = rows.getInt(2);
        }
        lastOrderId = orderId;
        updateDistrict.setInt(1, orderId + 1);
        updateDistrict.setInt(2, w);
        updateDistrict.setInt(3, d);
        updateDistrict.executeUpdate();

        BigDecimal discount;
        selectCustomer.setInt(1, w);
        selectCustomer.setInt(2, d);
        selectCustomer.setInt(3, in.customerId());
        try (ResultSet rows = selectCustomer.executeQuery()) {
            discount = single(rows, "customer " + in.customerId()).getBigDecimal(1);
        }

        int lines = in.itemIds().length;
        Timestamp now = new Timestamp(System.currentTimeMillis());
        insertOrder.setInt(1, orderId);
        insertOrder.setInt(2, d);
        insertOrder.setInt(3, w);
        insertOrder.setInt(4, in.customerId());
        insertOrder.setTimestamp(5, now);
        insertOrder.setInt(6, lines);
        insertOrder.setInt(7, in.allLocal() ? 1 : 0);
        insertOrder.executeUpdate();
        insertNewOrder.setInt(1, orderId);
        insertNewOrder.setInt(2, d);
        insertNewOrder.setInt(3, w);
        insertNewOrder.executeUpdate();

        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < lines; i++) {
            int itemId = in.itemIds()[i];
            int supplyW = in.supplyWarehouseIds()[i];
            int quantity = in.quantities()[i];
            BigDecimal price;
            String itemData;
            selectItem.setInt(1, itemId);
            try (ResultSet rows = selectItem.executeQuery()) {
                if (!rows.next()) {
                    // Clause 2.4.2.3: an unused item id rolls the whole order back.
                    insertOrderLine.clearBatch();
                    connection.rollback();
                    return Outcome.ROLLED_BACK;
                }
                price = rows.getBigDecimal(1);
                itemData = rows.getString(3);
            }
            int stockQuantity;
            String stockData;
            String distInfo;
            selectStock.setInt(1, supplyW);
            selectStock.setInt(2, itemId);
            try (ResultSet rows = selectStock.executeQuery()) {
                single(rows, "stock " + supplyW + "/" + itemId);
                stockQuantity = rows.getInt(1);
                stockData = rows.getString(2);
                distInfo = rows.getString(2 + d);
            }
            int newQuantity = stockQuantity - quantity >= 10 ? stockQuantity - quantity : stockQuantity - quantity + 91;
            updateStock.setInt(1, newQuantity);
            updateStock.setInt(2, quantity);
            updateStock.setInt(3, supplyW == w ? 0 : 1);
            updateStock.setInt(4, supplyW);
            updateStock.setInt(5, itemId);
            updateStock.executeUpdate();

            BigDecimal amount = price.multiply(BigDecimal.valueOf(quantity));
            total = total.add(amount);
            // Brand/generic (clause 2.4.2.2) is only displayed, never stored.
            if (itemData.contains("ORIGINAL") && stockData.contains("ORIGINAL")) {
                brandLines++;
            }

            insertOrderLine.setInt(1, orderId);
            insertOrderLine.setInt(2, d);
            insertOrderLine.setInt(3, w);
            insertOrderLine.setInt(4, i + 1);
            insertOrderLine.setInt(5, itemId);
            insertOrderLine.setInt(6, supplyW);
            insertOrderLine.setInt(7, quantity);
            insertOrderLine.setBigDecimal(8, amount);
            insertOrderLine.setString(9, distInfo);
            insertOrderLine.addBatch();
        }
        insertOrderLine.executeBatch();
        // The terminal displays the total: sum(OL_AMOUNT) * (1 - C_DISCOUNT) * (1 + W_TAX + D_TAX).
        lastTotal = total.multiply(BigDecimal.ONE.subtract(discount))
                .multiply(BigDecimal.ONE.add(warehouseTax).add(districtTax))
                .setScale(2, RoundingMode.HALF_UP);
        connection.commit();
        return Outcome.COMMITTED;
    }

    /**
     * The O_ID the last execution took from its district (a rolled-back order took it too, and
     * gave it back: the next order of the district takes it again). Crash tests report it.
     */
    public int lastOrderId() {
        return lastOrderId;
    }

    /** The total amount of the last committed order, as the terminal would display it. */
    BigDecimal lastTotal() {
        return lastTotal;
    }

    /** Order lines so far whose item and stock data both contain "ORIGINAL" (displayed as brand "B"). */
    long brandLines() {
        return brandLines;
    }

    static ResultSet single(ResultSet rows, String what) throws SQLException {
        if (!rows.next()) {
            throw new SQLException("TPC-C row not found: " + what);
        }
        return rows;
    }
}
