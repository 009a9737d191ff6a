package io.persimmon.tpcc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The Stock-Level transaction (clause 2.8), read-only: how many distinct items of the district's last 20
 * orders have a stock below a threshold in [10, 20]. Always runs on the terminal's own warehouse and
 * district. The count is one two-table query (ORDER_LINE joined with STOCK).
 */
public final class StockLevel implements TpccTransaction<StockLevel.Input> {

    /**
     * The input of one Stock-Level.
     *
     * @param warehouseId W_ID of the terminal
     * @param districtId  D_ID of the terminal
     * @param threshold   random in [10, 20]
     */
    public record Input(int warehouseId, int districtId, int threshold) {
    }

    private final Connection connection;
    private final TerminalContext context;
    private final PreparedStatement selectNextOrderId;
    private final PreparedStatement countLowStock;
    private int lastCount;

    /** Prepares the statements on {@code connection}. */
    public StockLevel(Connection connection, TerminalContext context) throws SQLException {
        this.connection = connection;
        this.context = context;
        selectNextOrderId = connection.prepareStatement(
                "SELECT D_NEXT_O_ID FROM DISTRICT WHERE D_W_ID = ? AND D_ID = ?");
        countLowStock = connection.prepareStatement("SELECT COUNT(DISTINCT S_I_ID) FROM ORDER_LINE, STOCK "
                + "WHERE OL_W_ID = ? AND OL_D_ID = ? AND OL_O_ID < ? AND OL_O_ID >= ? "
                + "AND S_W_ID = ? AND S_I_ID = OL_I_ID AND S_QUANTITY < ?");
    }

    @Override
    public Input generate(TpccRandom random) {
        return new Input(context.homeWarehouse(), context.homeDistrict(), random.uniform(10, 20));
    }

    @Override
    public Outcome execute(Input in) throws SQLException {
        int nextOrderId;
        selectNextOrderId.setInt(1, in.warehouseId());
        selectNextOrderId.setInt(2, in.districtId());
        try (ResultSet rows = selectNextOrderId.executeQuery()) {
            nextOrderId = NewOrder.single(rows, "district " + in.districtId()).getInt(1);
        }
        countLowStock.setInt(1, in.warehouseId());
        countLowStock.setInt(2, in.districtId());
        countLowStock.setInt(3, nextOrderId);
        countLowStock.setInt(4, nextOrderId - 20);
        countLowStock.setInt(5, in.warehouseId());
        countLowStock.setInt(6, in.threshold());
        try (ResultSet rows = countLowStock.executeQuery()) {
            lastCount = NewOrder.single(rows, "stock count").getInt(1);
        }
        connection.commit();
        return Outcome.COMMITTED;
    }

    /** The count the last execution displayed. */
    int lastCount() {
        return lastCount;
    }
}
