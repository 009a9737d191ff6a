package io.persimmon.tpcc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Creates the schema and loads the initial database of clause 4.3.3.1 for W warehouses: 100,000 items,
 * then per warehouse its stock, ten districts, 30,000 customers with one history row each, 30,000 orders
 * (the last 900 per district undelivered, in NEW_ORDER) and their order lines.
 *
 * <p>Warehouses load in parallel, one thread per warehouse up to the number of cores (the item table is
 * one more), each task on its own connection with batched inserts and a commit every
 * {@value #ROWS_PER_COMMIT} rows. A warehouse is split into tasks (its stock, then each district with
 * its customers and orders) so that the threads stay busy until the end.
 */
public final class TpccLoader {

    /** Rows sent per JDBC batch, and committed together. */
    static final int ROWS_PER_COMMIT = 2_000;

    private static final BigDecimal WAREHOUSE_YTD = new BigDecimal("300000.00");
    private static final BigDecimal DISTRICT_YTD = new BigDecimal("30000.00");
    private static final BigDecimal CREDIT_LIMIT = new BigDecimal("50000.00");
    private static final BigDecimal INITIAL_BALANCE = new BigDecimal("-10.00");
    private static final BigDecimal TEN = new BigDecimal("10.00");
    private static final BigDecimal ZERO_AMOUNT = new BigDecimal("0.00");

    private final Engine engine;
    private final int warehouses;
    private final NURand constants;
    private final long seed;
    private final int threads;

    /**
     * @param engine     where to load
     * @param warehouses W
     * @param constants  the NURand load constants (C_LAST is used for customer names)
     * @param seed       base seed of the data generators
     * @param threads    loader threads (at least 1)
     */
    public TpccLoader(Engine engine, int warehouses, NURand constants, long seed, int threads) {
        this.engine = engine;
        this.warehouses = warehouses;
        this.constants = constants;
        this.seed = seed;
        this.threads = Math.max(1, threads);
    }

    /** The default thread count: one per warehouse (plus the item table), at most the number of cores. */
    public static int defaultThreads(int warehouses) {
        return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), warehouses + 1));
    }

    /** The approximate number of rows of a W-warehouse database (order lines average 10 per order). */
    public static long expectedRows(int warehouses) {
        long perDistrict = 3 * (long) TpccSchema.CUSTOMERS_PER_DISTRICT + 10L * TpccSchema.ORDERS_PER_DISTRICT
                + (TpccSchema.ORDERS_PER_DISTRICT - TpccSchema.FIRST_UNDELIVERED_ORDER + 1) + 1;
        long perWarehouse = 1 + TpccSchema.STOCK_PER_WAREHOUSE + TpccSchema.DISTRICTS_PER_WAREHOUSE * perDistrict;
        return TpccSchema.ITEMS + warehouses * perWarehouse;
    }

    /**
     * Recreates the tables, loads them, and creates the secondary indexes.
     *
     * @param progress advanced by one per row inserted
     * @return the number of rows inserted
     */
    public long load(ProgressBar progress) throws SQLException, EngineUnavailableException, InterruptedException {
        try (Connection connection = engine.connect()) {
            TpccSchema.recreateTables(connection, engine.dialect());
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "tpcc-loader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Void>> tasks = new ArrayList<>();
            tasks.add(pool.submit(() -> {
                loadItems(progress);
                return null;
            }));
            for (int w = 1; w <= warehouses; w++) {
                int warehouse = w;
                tasks.add(pool.submit(() -> {
                    loadWarehouse(warehouse, progress);
                    return null;
                }));
                for (int d = 1; d <= TpccSchema.DISTRICTS_PER_WAREHOUSE; d++) {
                    int district = d;
                    tasks.add(pool.submit(() -> {
                        loadDistrict(warehouse, district, progress);
                        return null;
                    }));
                }
            }
            for (Future<Void> task : tasks) {
                task.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof EngineUnavailableException unavailable) {
                throw unavailable;
            }
            throw new IllegalStateException("loader failed", cause);
        } finally {
            pool.shutdownNow();
        }
        try (Connection connection = engine.connect()) {
            TpccSchema.createIndexes(connection);
        }
        return progress.done();
    }

    private void loadItems(ProgressBar progress) throws SQLException, EngineUnavailableException {
        TpccRandom random = new TpccRandom(seed);
        try (Connection connection = engine.connect();
             Batches batches = new Batches(connection, progress)) {
            PreparedStatement item = batches.prepare(
                    "INSERT INTO ITEM (I_ID, I_IM_ID, I_NAME, I_PRICE, I_DATA) VALUES (?, ?, ?, ?, ?)");
            for (int i = 1; i <= TpccSchema.ITEMS; i++) {
                item.setInt(1, i);
                item.setInt(2, random.uniform(1, 10_000));
                item.setString(3, random.aString(14, 24));
                item.setBigDecimal(4, random.decimal(100, 10_000, 2));
                item.setString(5, random.dataField(26, 50));
                batches.add(item);
            }
        }
    }

    private void loadWarehouse(int w, ProgressBar progress) throws SQLException, EngineUnavailableException {
        TpccRandom random = new TpccRandom(seed * 31 + w);
        try (Connection connection = engine.connect();
             Batches batches = new Batches(connection, progress)) {
            PreparedStatement warehouse = batches.prepare("INSERT INTO WAREHOUSE (W_ID, W_NAME, W_STREET_1, "
                    + "W_STREET_2, W_CITY, W_STATE, W_ZIP, W_TAX, W_YTD) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
            warehouse.setInt(1, w);
            warehouse.setString(2, random.aString(6, 10));
            address(warehouse, 3, random);
            warehouse.setBigDecimal(8, random.decimal(0, 2_000, 4));
            warehouse.setBigDecimal(9, WAREHOUSE_YTD);
            batches.add(warehouse);

            PreparedStatement stock = batches.prepare("INSERT INTO STOCK (S_I_ID, S_W_ID, S_QUANTITY, S_DIST_01, "
                    + "S_DIST_02, S_DIST_03, S_DIST_04, S_DIST_05, S_DIST_06, S_DIST_07, S_DIST_08, S_DIST_09, "
                    + "S_DIST_10, S_YTD, S_ORDER_CNT, S_REMOTE_CNT, S_DATA) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            for (int i = 1; i <= TpccSchema.STOCK_PER_WAREHOUSE; i++) {
                stock.setInt(1, i);
                stock.setInt(2, w);
                stock.setInt(3, random.uniform(10, 100));
                for (int d = 0; d < 10; d++) {
                    stock.setString(4 + d, random.aString(24, 24));
                }
                stock.setInt(14, 0);
                stock.setInt(15, 0);
                stock.setInt(16, 0);
                stock.setString(17, random.dataField(26, 50));
                batches.add(stock);
            }
        }
    }

    private void loadDistrict(int w, int d, ProgressBar progress) throws SQLException, EngineUnavailableException {
        TpccRandom random = new TpccRandom((seed * 31 + w) * 31 + d);
        Timestamp now = new Timestamp(System.currentTimeMillis());
        try (Connection connection = engine.connect();
             Batches batches = new Batches(connection, progress)) {
            PreparedStatement district = batches.prepare("INSERT INTO DISTRICT (D_ID, D_W_ID, D_NAME, D_STREET_1, "
                    + "D_STREET_2, D_CITY, D_STATE, D_ZIP, D_TAX, D_YTD, D_NEXT_O_ID) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            PreparedStatement customer = batches.prepare("INSERT INTO CUSTOMER (C_ID, C_D_ID, C_W_ID, C_FIRST, "
                    + "C_MIDDLE, C_LAST, C_STREET_1, C_STREET_2, C_CITY, C_STATE, C_ZIP, C_PHONE, C_SINCE, "
                    + "C_CREDIT, C_CREDIT_LIM, C_DISCOUNT, C_BALANCE, C_YTD_PAYMENT, C_PAYMENT_CNT, "
                    + "C_DELIVERY_CNT, C_DATA) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            PreparedStatement history = batches.prepare("INSERT INTO HISTORY (H_C_ID, H_C_D_ID, H_C_W_ID, H_D_ID, "
                    + "H_W_ID, H_DATE, H_AMOUNT, H_DATA) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            PreparedStatement order = batches.prepare("INSERT INTO ORDERS (O_ID, O_D_ID, O_W_ID, O_C_ID, "
                    + "O_ENTRY_D, O_CARRIER_ID, O_OL_CNT, O_ALL_LOCAL) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            PreparedStatement line = batches.prepare("INSERT INTO ORDER_LINE (OL_O_ID, OL_D_ID, OL_W_ID, "
                    + "OL_NUMBER, OL_I_ID, OL_SUPPLY_W_ID, OL_DELIVERY_D, OL_QUANTITY, OL_AMOUNT, OL_DIST_INFO) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            PreparedStatement newOrder = batches.prepare(
                    "INSERT INTO NEW_ORDER (NO_O_ID, NO_D_ID, NO_W_ID) VALUES (?, ?, ?)");

            district.setInt(1, d);
            district.setInt(2, w);
            district.setString(3, random.aString(6, 10));
            address(district, 4, random);
            district.setBigDecimal(9, random.decimal(0, 2_000, 4));
            district.setBigDecimal(10, DISTRICT_YTD);
            district.setInt(11, TpccSchema.ORDERS_PER_DISTRICT + 1);
            batches.add(district);

            for (int c = 1; c <= TpccSchema.CUSTOMERS_PER_DISTRICT; c++) {
                customer.setInt(1, c);
                customer.setInt(2, d);
                customer.setInt(3, w);
                customer.setString(4, random.aString(8, 16));
                customer.setString(5, "OE");
                customer.setString(6, TpccRandom.lastName(c <= 1_000 ? c - 1 : constants.lastNameNumber(random)));
                address(customer, 7, random);
                customer.setString(12, random.nString(16, 16));
                customer.setTimestamp(13, now);
                customer.setString(14, random.uniform(1, 10) == 1 ? "BC" : "GC");
                customer.setBigDecimal(15, CREDIT_LIMIT);
                customer.setBigDecimal(16, random.decimal(0, 5_000, 4));
                customer.setBigDecimal(17, INITIAL_BALANCE);
                customer.setBigDecimal(18, TEN);
                customer.setInt(19, 1);
                customer.setInt(20, 0);
                customer.setString(21, random.aString(300, 500));
                batches.add(customer);

                history.setInt(1, c);
                history.setInt(2, d);
                history.setInt(3, w);
                history.setInt(4, d);
                history.setInt(5, w);
                history.setTimestamp(6, now);
                history.setBigDecimal(7, TEN);
                history.setString(8, random.aString(12, 24));
                batches.add(history);
            }

            int[] customerIds = random.permutation(TpccSchema.CUSTOMERS_PER_DISTRICT);
            for (int o = 1; o <= TpccSchema.ORDERS_PER_DISTRICT; o++) {
                boolean delivered = o < TpccSchema.FIRST_UNDELIVERED_ORDER;
                int lines = random.uniform(5, 15);
                order.setInt(1, o);
                order.setInt(2, d);
                order.setInt(3, w);
                order.setInt(4, customerIds[o - 1]);
                order.setTimestamp(5, now);
                if (delivered) {
                    order.setInt(6, random.uniform(1, 10));
                } else {
                    order.setNull(6, Types.SMALLINT);
                }
                order.setInt(7, lines);
                order.setInt(8, 1);
                batches.add(order);

                for (int l = 1; l <= lines; l++) {
                    line.setInt(1, o);
                    line.setInt(2, d);
                    line.setInt(3, w);
                    line.setInt(4, l);
                    line.setInt(5, random.uniform(1, TpccSchema.ITEMS));
                    line.setInt(6, w);
                    if (delivered) {
                        line.setTimestamp(7, now);
                    } else {
                        line.setNull(7, Types.TIMESTAMP);
                    }
                    line.setInt(8, 5);
                    line.setBigDecimal(9, delivered ? ZERO_AMOUNT : random.decimal(1, 999_999, 2));
                    line.setString(10, random.aString(24, 24));
                    batches.add(line);
                }
                if (!delivered) {
                    newOrder.setInt(1, o);
                    newOrder.setInt(2, d);
                    newOrder.setInt(3, w);
                    batches.add(newOrder);
                }
            }
        }
    }

    /** Street 1, street 2, city, state, zip into five consecutive parameters. */
    private static void address(PreparedStatement statement, int first, TpccRandom random) throws SQLException {
        statement.setString(first, random.aString(10, 20));
        statement.setString(first + 1, random.aString(10, 20));
        statement.setString(first + 2, random.aString(10, 20));
        statement.setString(first + 3, random.state());
        statement.setString(first + 4, random.zip());
    }

    /**
     * The prepared statements of one loader connection, flushed together (each executeBatch, then one
     * commit) every {@value #ROWS_PER_COMMIT} rows and when closed.
     */
    private static final class Batches implements AutoCloseable {
        private final Connection connection;
        private final ProgressBar progress;
        private final List<PreparedStatement> statements = new ArrayList<>();
        private final List<PreparedStatement> pending = new ArrayList<>();
        private int rows;

        Batches(Connection connection, ProgressBar progress) {
            this.connection = connection;
            this.progress = progress;
        }

        PreparedStatement prepare(String sql) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(sql);
            statements.add(statement);
            return statement;
        }

        void add(PreparedStatement statement) throws SQLException {
            statement.addBatch();
            if (!pending.contains(statement)) {
                pending.add(statement);
            }
            if (++rows >= ROWS_PER_COMMIT) {
                flush();
            }
        }

        void flush() throws SQLException {
            // Parents before children is not needed (no foreign keys); keep insertion order anyway.
            for (PreparedStatement statement : pending) {
                statement.executeBatch();
            }
            pending.clear();
            connection.commit();
            progress.advance(rows);
            rows = 0;
        }

        @Override
        public void close() throws SQLException {
            try {
                flush();
            } finally {
                for (PreparedStatement statement : statements) {
                    statement.close();
                }
            }
        }
    }
}
