package io.persimmon.tpcc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The inputs the transactions draw (clauses 2.4.1, 2.5.1, 2.6.1, 2.8.1), on an empty in-memory schema. */
class TransactionInputTest {

    private static final int DRAWS = 40_000;

    private Connection connection;
    private final TpccRandom random = new TpccRandom(3);
    private final NURand constants = NURand.forLoad(new TpccRandom(4));

    @BeforeEach
    void createSchema() throws SQLException {
        connection = DriverManager.getConnection("jdbc:h2:mem:inputs" + System.nanoTime());
        TpccSchema.recreateTables(connection, Dialect.STANDARD);
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void shouldDrawNewOrdersOfFiveToFifteenLinesWithOnePercentRollback() throws SQLException {
        NewOrder newOrder = new NewOrder(connection, Dialect.STANDARD, new TerminalContext(1, 1, 1, constants));
        int rollbacks = 0;
        for (int i = 0; i < DRAWS; i++) {
            NewOrder.Input input = newOrder.generate(random);
            int lines = input.itemIds().length;
            assertTrue(lines >= 5 && lines <= 15, "lines " + lines);
            assertTrue(input.allLocal(), "no remote supply with one warehouse");
            for (int l = 0; l < lines - 1; l++) {
                assertNotEquals(NewOrder.UNUSED_ITEM_ID, input.itemIds()[l], "only the last line may be unused");
            }
            for (int q : input.quantities()) {
                assertTrue(q >= 1 && q <= 10);
            }
            if (input.rollsBack()) {
                rollbacks++;
            }
        }
        double share = (double) rollbacks / DRAWS;
        assertTrue(share > 0.007 && share < 0.013, "rollback share " + share);
    }

    @Test
    void shouldSupplyOnePercentOfLinesFromRemoteWarehousesWhenThereAreSeveral() throws SQLException {
        NewOrder newOrder = new NewOrder(connection, Dialect.STANDARD, new TerminalContext(4, 2, 1, constants));
        long lines = 0;
        long remote = 0;
        for (int i = 0; i < DRAWS; i++) {
            NewOrder.Input input = newOrder.generate(random);
            for (int supply : input.supplyWarehouseIds()) {
                lines++;
                assertTrue(supply >= 1 && supply <= 4);
                if (supply != 2) {
                    remote++;
                }
            }
        }
        double share = (double) remote / lines;
        assertTrue(share > 0.008 && share < 0.012, "remote share " + share);
    }

    @Test
    void shouldChoosePaymentCustomersByNameSixtyPercentAndRemoteFifteenPercent() throws SQLException {
        Payment payment = new Payment(connection, Dialect.STANDARD, new TerminalContext(3, 1, 1, constants));
        int byName = 0;
        int remote = 0;
        for (int i = 0; i < DRAWS; i++) {
            Payment.Input input = payment.generate(random);
            if (input.byLastName()) {
                byName++;
                assertEquals(0, input.customerId());
            } else {
                assertTrue(input.customerId() >= 1 && input.customerId() <= 3_000);
            }
            if (input.customerWarehouseId() != input.warehouseId()) {
                remote++;
            }
            assertTrue(input.amount().compareTo(java.math.BigDecimal.ONE) >= 0
                    && input.amount().compareTo(new java.math.BigDecimal("5000.00")) <= 0);
        }
        assertTrue(Math.abs(byName / (double) DRAWS - 0.60) < 0.015, "by name " + byName);
        assertTrue(Math.abs(remote / (double) DRAWS - 0.15) < 0.01, "remote " + remote);
    }

    @Test
    void shouldKeepPaymentsLocalWithOneWarehouse() throws SQLException {
        Payment payment = new Payment(connection, Dialect.STANDARD, new TerminalContext(1, 1, 1, constants));
        for (int i = 0; i < 5_000; i++) {
            Payment.Input input = payment.generate(random);
            assertEquals(1, input.customerWarehouseId());
            assertEquals(input.districtId(), input.customerDistrictId());
        }
    }

    @Test
    void shouldRunStockLevelOnTheTerminalsOwnDistrictWithThresholdTenToTwenty() throws SQLException {
        StockLevel stockLevel = new StockLevel(connection, new TerminalContext(2, 2, 7, constants));
        for (int i = 0; i < 2_000; i++) {
            StockLevel.Input input = stockLevel.generate(random);
            assertEquals(2, input.warehouseId());
            assertEquals(7, input.districtId());
            assertTrue(input.threshold() >= 10 && input.threshold() <= 20);
        }
    }

    @Test
    void shouldBindTerminalsToWarehousesRoundRobinAndThenDistricts() {
        assertEquals(new TerminalContext(4, 1, 1, constants), TerminalContext.forTerminal(0, 4, constants));
        assertEquals(new TerminalContext(4, 4, 1, constants), TerminalContext.forTerminal(3, 4, constants));
        assertEquals(new TerminalContext(4, 1, 2, constants), TerminalContext.forTerminal(4, 4, constants));
        assertEquals(new TerminalContext(1, 1, 4, constants), TerminalContext.forTerminal(3, 1, constants));
        TerminalContext context = new TerminalContext(3, 2, 1, constants);
        for (int i = 0; i < 1_000; i++) {
            int other = context.otherWarehouse(random);
            assertTrue(other == 1 || other == 3, "other warehouse " + other);
        }
    }

    @Test
    void shouldPickTheCustomerAtPositionCeilNOverTwo() {
        assertEquals(0, CustomerLookup.middle(1));
        assertEquals(0, CustomerLookup.middle(2));
        assertEquals(1, CustomerLookup.middle(3));
        assertEquals(1, CustomerLookup.middle(4));
        assertEquals(2, CustomerLookup.middle(5));
    }

    @Test
    void shouldPrefixBadCreditDataAndCutItToFiveHundredCharacters() {
        String data = Payment.badCreditData(42, 3, 1, 4, 1, new java.math.BigDecimal("12.50"), "x".repeat(500));
        assertEquals(500, data.length());
        assertTrue(data.startsWith("42 3 1 4 1 12.50 | xxx"), data);
        assertEquals("1 2 3 4 5 1.00 | old", Payment.badCreditData(1, 2, 3, 4, 5, new java.math.BigDecimal("1.00"), "old"));
    }

    @Test
    void shouldDrawTheStandardMix() {
        int[] counts = new int[5];
        for (int i = 0; i < 100_000; i++) {
            counts[Mix.STANDARD.next(random).ordinal()]++;
        }
        int[] expected = {45, 43, 4, 4, 4};
        for (int t = 0; t < 5; t++) {
            assertTrue(Math.abs(counts[t] / 1000.0 - expected[t]) < 1.0, "type " + t + ": " + counts[t]);
        }
        assertEquals(Mix.STANDARD, Mix.parse("45, 43,4,4,4"));
        assertEquals("45/43/4/4/4", Mix.STANDARD.toString());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Mix.parse("50,50"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Mix.parse("0,0,0,0,0"));
    }
}
