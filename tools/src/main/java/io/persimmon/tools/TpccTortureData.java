package io.persimmon.tools;

import io.persimmon.tpcc.Dialect;
import io.persimmon.tpcc.TpccRandom;
import io.persimmon.tpcc.TpccSchema;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;

/**
 * The initial database of {@code torture --workload tpcc}: TPC-C's nine tables and indexes
 * ({@link TpccSchema}), one warehouse and its ten districts, populated as clause 4.3.3.1 says but
 * smaller, so that it loads in a second: {@value #ITEMS} items (and stock rows),
 * {@value #CUSTOMERS} customers per district with one history row each, {@value #ORDERS} orders per
 * district of which those from {@value #FIRST_UNDELIVERED} on are undelivered (in NEW_ORDER).
 * The amounts are the specification's, so that the verifier's sums start from known values.
 */
final class TpccTortureData {
    static final int ITEMS = 1_000;
    static final int DISTRICTS = TpccSchema.DISTRICTS_PER_WAREHOUSE;
    static final int CUSTOMERS = 30;
    static final int ORDERS = 30;
    static final int FIRST_UNDELIVERED = 21;
    /** W_YTD of the loaded warehouse; each district starts with a tenth of it, each customer with one payment of 10.00. */
    static final BigDecimal WAREHOUSE_YTD = new BigDecimal("300000.00");
    static final BigDecimal FIRST_PAYMENT = new BigDecimal("10.00");

    private TpccTortureData() {}

    /** Creates and loads the tables in one transaction, then the indexes. */
    static void load(Connection c, long seed) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String ddl : TpccSchema.createTableStatements(Dialect.STANDARD)) {
                s.execute(ddl);
            }
        }
        TpccRandom random = new TpccRandom(seed);
        Timestamp now = new Timestamp(System.currentTimeMillis());
        try (PreparedStatement item = c.prepareStatement("INSERT INTO ITEM VALUES (?, ?, ?, ?, ?)");
             PreparedStatement stock = c.prepareStatement("INSERT INTO STOCK VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                     + "?, ?, 0, 0, 0, ?)")) {
            for (int i = 1; i <= ITEMS; i++) {
                item.setInt(1, i);
                item.setInt(2, random.uniform(1, 10_000));
                item.setString(3, random.aString(14, 24));
                item.setBigDecimal(4, random.decimal(100, 10_000, 2));
                item.setString(5, random.dataField(26, 50));
                item.addBatch();
                stock.setInt(1, i);
                stock.setInt(2, random.uniform(10, 100));
                for (int d = 0; d < 10; d++) {
                    stock.setString(3 + d, random.aString(24, 24));
                }
                stock.setString(13, random.dataField(26, 50));
                stock.addBatch();
            }
            item.executeBatch();
            stock.executeBatch();
        }
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO WAREHOUSE VALUES (1, 'torture', 'street 1', 'street 2', 'city', 'ST', '123411111', "
                    + "0.1000, " + WAREHOUSE_YTD + ")");
        }
        for (int d = 1; d <= DISTRICTS; d++) {
            district(c, d, random, now);
        }
        c.commit();
        TpccSchema.createIndexes(c);
    }

    private static void district(Connection c, int d, TpccRandom random, Timestamp now) throws SQLException {
        try (PreparedStatement district = c.prepareStatement("INSERT INTO DISTRICT VALUES (?, 1, ?, 's1', 's2', 'city', "
                + "'ST', '123411111', ?, ?, ?)");
             PreparedStatement customer = c.prepareStatement("INSERT INTO CUSTOMER VALUES (?, ?, 1, ?, 'OE', ?, 's1', 's2', "
                     + "'city', 'ST', '123411111', '0123456789012345', ?, ?, 50000.00, ?, -10.00, 10.00, 1, 0, ?)");
             PreparedStatement history = c.prepareStatement("INSERT INTO HISTORY VALUES (?, ?, 1, ?, 1, ?, 10.00, ?)");
             PreparedStatement order = c.prepareStatement("INSERT INTO ORDERS VALUES (?, ?, 1, ?, ?, ?, ?, 1)");
             PreparedStatement line = c.prepareStatement("INSERT INTO ORDER_LINE VALUES (?, ?, 1, ?, ?, 1, ?, 5, ?, ?)");
             PreparedStatement newOrder = c.prepareStatement("INSERT INTO NEW_ORDER VALUES (?, ?, 1)")) {
            district.setInt(1, d);
            district.setString(2, random.aString(6, 10));
            district.setBigDecimal(3, random.decimal(0, 2_000, 4));
            district.setBigDecimal(4, WAREHOUSE_YTD.divide(BigDecimal.valueOf(DISTRICTS)));
            district.setInt(5, ORDERS + 1);
            district.executeUpdate();
            for (int id = 1; id <= CUSTOMERS; id++) {
                customer.setInt(1, id);
                customer.setInt(2, d);
                customer.setString(3, random.aString(8, 16));
                customer.setString(4, TpccRandom.lastName(id - 1));
                customer.setTimestamp(5, now);
                customer.setString(6, random.uniform(1, 10) == 1 ? "BC" : "GC");
                customer.setBigDecimal(7, random.decimal(0, 5_000, 4));
                customer.setString(8, random.aString(300, 500));
                customer.addBatch();
                history.setInt(1, id);
                history.setInt(2, d);
                history.setInt(3, d);
                history.setTimestamp(4, now);
                history.setString(5, random.aString(12, 24));
                history.addBatch();
            }
            customer.executeBatch();
            history.executeBatch();
            int[] customers = random.permutation(CUSTOMERS);
            for (int o = 1; o <= ORDERS; o++) {
                boolean delivered = o < FIRST_UNDELIVERED;
                int lines = random.uniform(5, 15);
                order.setInt(1, o);
                order.setInt(2, d);
                order.setInt(3, customers[o - 1]);
                order.setTimestamp(4, now);
                if (delivered) {
                    order.setInt(5, random.uniform(1, 10));
                } else {
                    order.setNull(5, Types.SMALLINT);
                }
                order.setInt(6, lines);
                order.addBatch();
                for (int l = 1; l <= lines; l++) {
                    line.setInt(1, o);
                    line.setInt(2, d);
                    line.setInt(3, l);
                    line.setInt(4, random.uniform(1, ITEMS));
                    if (delivered) {
                        line.setTimestamp(5, now);
                    } else {
                        line.setNull(5, Types.TIMESTAMP);
                    }
                    line.setBigDecimal(6, delivered ? new BigDecimal("0.00") : random.decimal(1, 999_999, 2));
                    line.setString(7, random.aString(24, 24));
                    line.addBatch();
                }
                if (!delivered) {
                    newOrder.setInt(1, o);
                    newOrder.setInt(2, d);
                    newOrder.addBatch();
                }
            }
            order.executeBatch();
            line.executeBatch();
            newOrder.executeBatch();
        }
    }
}
