package io.persimmon.tpcc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** A New-Order that fails half-way and is retried with the same input must not insert stale order lines. */
class NewOrderRetryTest {

    @Test
    void shouldRetryAFailedNewOrderWithoutLeftoverOrderLines() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:retry" + System.nanoTime())) {
            TpccSchema.recreateTables(connection, Dialect.STANDARD);
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO WAREHOUSE (W_ID, W_TAX, W_YTD) VALUES (1, 0.1, 300000)");
                statement.execute("INSERT INTO DISTRICT (D_ID, D_W_ID, D_TAX, D_YTD, D_NEXT_O_ID) VALUES (1, 1, 0.1, 30000, 3001)");
                statement.execute("INSERT INTO CUSTOMER (C_ID, C_D_ID, C_W_ID, C_DISCOUNT, C_LAST, C_CREDIT) "
                        + "VALUES (1, 1, 1, 0.05, 'BARBARBAR', 'GC')");
                for (int i = 1; i <= 3; i++) {
                    statement.execute("INSERT INTO ITEM (I_ID, I_IM_ID, I_NAME, I_PRICE, I_DATA) VALUES (" + i
                            + ", 1, 'item', 10.00, 'data')");
                }
                for (int i = 1; i <= 2; i++) {
                    statement.execute("INSERT INTO STOCK (S_I_ID, S_W_ID, S_QUANTITY, S_DIST_01, S_YTD, S_ORDER_CNT, "
                            + "S_REMOTE_CNT, S_DATA) VALUES (" + i + ", 1, 50, 'dist', 0, 0, 0, 'data')");
                }
            }
            connection.setAutoCommit(false);
            NewOrder newOrder = new NewOrder(connection, Dialect.STANDARD,
                    new TerminalContext(1, 1, 1, new NURand(0, 0, 0)));
            NewOrder.Input input = new NewOrder.Input(1, 1, 1, new int[] {1, 2, 3}, new int[] {1, 1, 1},
                    new int[] {1, 1, 1});

            // The third line's stock row is missing: the transaction fails after batching two lines.
            assertThrows(SQLException.class, () -> newOrder.execute(input));
            connection.rollback();
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO STOCK (S_I_ID, S_W_ID, S_QUANTITY, S_DIST_01, S_YTD, S_ORDER_CNT, "
                        + "S_REMOTE_CNT, S_DATA) VALUES (3, 1, 50, 'dist', 0, 0, 0, 'data')");
            }
            connection.commit();

            assertEquals(TpccTransaction.Outcome.COMMITTED, newOrder.execute(input));
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM ORDER_LINE WHERE OL_O_ID = 3001")) {
                rows.next();
                assertEquals(3, rows.getInt(1));
            }
        }
    }
}
