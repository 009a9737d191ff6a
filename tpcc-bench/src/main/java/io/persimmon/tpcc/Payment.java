package io.persimmon.tpcc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * The Payment transaction (clause 2.5): a customer pays an amount. Adds it to the warehouse's and the
 * district's year-to-date totals, updates the customer's balance (prefixing C_DATA for bad-credit "BC"
 * customers) and inserts a HISTORY row. The customer is chosen by last name 60% of the time, and belongs
 * to a remote warehouse 15% of the time when W > 1.
 */
public final class Payment implements TpccTransaction<Payment.Input> {

    /** Maximum length of C_DATA. */
    static final int C_DATA_LENGTH = 500;

    /**
     * The input of one Payment.
     *
     * @param warehouseId         W_ID, the terminal's home warehouse
     * @param districtId          D_ID, random in [1, 10]
     * @param customerWarehouseId C_W_ID (W_ID, or another warehouse for 15%)
     * @param customerDistrictId  C_D_ID
     * @param customerId          C_ID when chosen by id, else 0
     * @param customerLastName    C_LAST when chosen by last name, else null
     * @param amount              H_AMOUNT in [1.00, 5000.00]
     */
    public record Input(int warehouseId, int districtId, int customerWarehouseId, int customerDistrictId,
                        int customerId, String customerLastName, BigDecimal amount) {
        /** Whether the customer is chosen by last name. */
        public boolean byLastName() {
            return customerLastName != null;
        }
    }

    private final Connection connection;
    private final TerminalContext context;
    private final CustomerLookup lookup;
    private final PreparedStatement updateWarehouse;
    private final PreparedStatement selectWarehouse;
    private final PreparedStatement updateDistrict;
    private final PreparedStatement selectDistrict;
    private final PreparedStatement selectCustomer;
    private final PreparedStatement selectCustomerData;
    private final PreparedStatement updateCustomer;
    private final PreparedStatement updateBadCreditCustomer;
    private final PreparedStatement insertHistory;

    /** Prepares the statements on {@code connection}. */
    public Payment(Connection connection, Dialect dialect, TerminalContext context) throws SQLException {
        this.connection = connection;
        this.context = context;
        lookup = new CustomerLookup(connection);
        updateWarehouse = connection.prepareStatement("UPDATE WAREHOUSE SET W_YTD = W_YTD + ? WHERE W_ID = ?");
        selectWarehouse = connection.prepareStatement("SELECT W_NAME, W_STREET_1, W_STREET_2, W_CITY, W_STATE, "
                + "W_ZIP FROM WAREHOUSE WHERE W_ID = ?");
        updateDistrict = connection.prepareStatement(
                "UPDATE DISTRICT SET D_YTD = D_YTD + ? WHERE D_W_ID = ? AND D_ID = ?");
        selectDistrict = connection.prepareStatement("SELECT D_NAME, D_STREET_1, D_STREET_2, D_CITY, D_STATE, "
                + "D_ZIP FROM DISTRICT WHERE D_W_ID = ? AND D_ID = ?");
        selectCustomer = connection.prepareStatement("SELECT C_FIRST, C_MIDDLE, C_LAST, C_STREET_1, C_STREET_2, "
                + "C_CITY, C_STATE, C_ZIP, C_PHONE, C_SINCE, C_CREDIT, C_CREDIT_LIM, C_DISCOUNT, C_BALANCE "
                + "FROM CUSTOMER WHERE C_W_ID = ? AND C_D_ID = ? AND C_ID = ?" + dialect.forUpdate());
        selectCustomerData = connection.prepareStatement(
                "SELECT C_DATA FROM CUSTOMER WHERE C_W_ID = ? AND C_D_ID = ? AND C_ID = ?");
        updateCustomer = connection.prepareStatement("UPDATE CUSTOMER SET C_BALANCE = C_BALANCE - ?, "
                + "C_YTD_PAYMENT = C_YTD_PAYMENT + ?, C_PAYMENT_CNT = C_PAYMENT_CNT + 1 "
                + "WHERE C_W_ID = ? AND C_D_ID = ? AND C_ID = ?");
        updateBadCreditCustomer = connection.prepareStatement("UPDATE CUSTOMER SET C_BALANCE = C_BALANCE - ?, "
                + "C_YTD_PAYMENT = C_YTD_PAYMENT + ?, C_PAYMENT_CNT = C_PAYMENT_CNT + 1, C_DATA = ? "
                + "WHERE C_W_ID = ? AND C_D_ID = ? AND C_ID = ?");
        insertHistory = connection.prepareStatement("INSERT INTO HISTORY (H_C_ID, H_C_D_ID, H_C_W_ID, H_D_ID, "
                + "H_W_ID, H_DATE, H_AMOUNT, H_DATA) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    }

    @Override
    public Input generate(TpccRandom random) {
        int w = context.homeWarehouse();
        int d = random.uniform(1, TpccSchema.DISTRICTS_PER_WAREHOUSE);
        int customerW = w;
        int customerD = d;
        if (context.warehouses() > 1 && random.uniform(1, 100) > 85) {
            customerW = context.otherWarehouse(random);
            customerD = random.uniform(1, TpccSchema.DISTRICTS_PER_WAREHOUSE);
        }
        boolean byName = random.uniform(1, 100) <= 60;
        int customerId = byName ? 0 : context.constants().customerId(random);
        String lastName = byName ? TpccRandom.lastName(context.constants().lastNameNumber(random)) : null;
        return new Input(w, d, customerW, customerD, customerId, lastName, random.decimal(100, 500_000, 2));
    }

    @Override
    public Outcome execute(Input in) throws SQLException {
        int w = in.warehouseId();
        int d = in.districtId();
        updateWarehouse.setBigDecimal(1, in.amount());
        updateWarehouse.setInt(2, w);
        updateWarehouse.executeUpdate();
        String warehouseName;
        selectWarehouse.setInt(1, w);
        try (ResultSet rows = selectWarehouse.executeQuery()) {
            warehouseName = NewOrder.single(rows, "warehouse " + w).getString(1);
        }
        updateDistrict.setBigDecimal(1, in.amount());
        updateDistrict.setInt(2, w);
        updateDistrict.setInt(3, d);
        updateDistrict.executeUpdate();
        String districtName;
        selectDistrict.setInt(1, w);
        selectDistrict.setInt(2, d);
        try (ResultSet rows = selectDistrict.executeQuery()) {
            districtName = NewOrder.single(rows, "district " + w + "/" + d).getString(1);
        }

        int cW = in.customerWarehouseId();
        int cD = in.customerDistrictId();
        int cId = in.byLastName() ? lookup.byLastName(cW, cD, in.customerLastName()) : in.customerId();
        String credit;
        selectCustomer.setInt(1, cW);
        selectCustomer.setInt(2, cD);
        selectCustomer.setInt(3, cId);
        try (ResultSet rows = selectCustomer.executeQuery()) {
            credit = NewOrder.single(rows, "customer " + cW + "/" + cD + "/" + cId).getString(11);
        }
        if ("BC".equals(credit)) {
            String data;
            selectCustomerData.setInt(1, cW);
            selectCustomerData.setInt(2, cD);
            selectCustomerData.setInt(3, cId);
            try (ResultSet rows = selectCustomerData.executeQuery()) {
                data = NewOrder.single(rows, "customer data " + cId).getString(1);
            }
            updateBadCreditCustomer.setBigDecimal(1, in.amount());
            updateBadCreditCustomer.setBigDecimal(2, in.amount());
            updateBadCreditCustomer.setString(3, badCreditData(cId, cD, cW, d, w, in.amount(), data));
            updateBadCreditCustomer.setInt(4, cW);
            updateBadCreditCustomer.setInt(5, cD);
            updateBadCreditCustomer.setInt(6, cId);
            updateBadCreditCustomer.executeUpdate();
        } else {
            updateCustomer.setBigDecimal(1, in.amount());
            updateCustomer.setBigDecimal(2, in.amount());
            updateCustomer.setInt(3, cW);
            updateCustomer.setInt(4, cD);
            updateCustomer.setInt(5, cId);
            updateCustomer.executeUpdate();
        }

        insertHistory.setInt(1, cId);
        insertHistory.setInt(2, cD);
        insertHistory.setInt(3, cW);
        insertHistory.setInt(4, d);
        insertHistory.setInt(5, w);
        insertHistory.setTimestamp(6, new Timestamp(System.currentTimeMillis()));
        insertHistory.setBigDecimal(7, in.amount());
        insertHistory.setString(8, warehouseName + "    " + districtName);
        insertHistory.executeUpdate();
        connection.commit();
        return Outcome.COMMITTED;
    }

    /**
     * The new C_DATA of a bad-credit customer (clause 2.5.2.2): C_ID, C_D_ID, C_W_ID, D_ID, W_ID and
     * H_AMOUNT inserted at the left of the old data, the result cut to 500 characters.
     */
    static String badCreditData(int cId, int cD, int cW, int d, int w, BigDecimal amount, String oldData) {
        String data = cId + " " + cD + " " + cW + " " + d + " " + w + " " + amount.toPlainString() + " | "
                + (oldData == null ? "" : oldData);
        return data.length() > C_DATA_LENGTH ? data.substring(0, C_DATA_LENGTH) : data;
    }
}
