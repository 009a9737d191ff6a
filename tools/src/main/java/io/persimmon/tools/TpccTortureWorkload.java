package io.persimmon.tools;

import io.persimmon.tpcc.Delivery;
import io.persimmon.tpcc.Dialect;
import io.persimmon.tpcc.NURand;
import io.persimmon.tpcc.NewOrder;
import io.persimmon.tpcc.Payment;
import io.persimmon.tpcc.TerminalContext;
import io.persimmon.tpcc.TpccTransaction.Outcome;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The child process of {@code persimmon torture --workload tpcc}: terminals running TPC-C's
 * New-Order (with its 1% that roll back on an unused item), Payment and Delivery, the benchmark's
 * own transaction code ({@code io.persimmon.tpcc}) through JDBC, on the database of
 * {@link TpccTortureData} in {@code process} mode, until the parent kills the process. It reports
 * on stdout, one flushed line each:
 * <pre>
 *   READY                          the terminals are connected
 *   S id NO d c lines              New-Order id starts: district, customer, order lines
 *   S id PAY d c cents             Payment id starts: district, customer, amount in cents (unique to id)
 *   S id DEL carrier               Delivery id starts
 *   C id NO o                      New-Order id committed order o of its district
 *   R id NO o                      New-Order id rolled back (it had taken order id o)
 *   C id PAY                       Payment id committed
 *   C id DEL o1,...,o10            Delivery id committed, delivering order o of district d (-1: none)
 *   A id SQLSTATE                  id failed and was rolled back
 * </pre>
 * A transaction with an S line but no C, R or A line was in flight at the kill.
 */
public final class TpccTortureWorkload {
    /** New-Order, Payment, Delivery: 45%, 43%, 12% of the transactions (TPC-C's mix, less the read-only two). */
    private static final int NEW_ORDER_PERCENT = 45;
    private static final int PAYMENT_PERCENT = 43;
    /** A Payment's amount in cents is {@value #FIRST_CENTS} + (id mod this): unique in a run of fewer ids, never the loaded 10.00. */
    static final long FIRST_CENTS = 1_001;
    static final long AMOUNT_CYCLE = 898_000;

    private TpccTortureWorkload() {}

    /** The URL the parent and the child open the pool with. */
    static String url(java.nio.file.Path pool) {
        return "jdbc:persimmon:" + pool.toAbsolutePath() + ";mode=process";
    }

    /** The amount of Payment {@code id}, in cents. */
    static long cents(long id) {
        return FIRST_CENTS + id % AMOUNT_CYCLE;
    }

    /** Arguments: pool, terminals, first transaction id, seed. Runs until killed. */
    public static void main(String[] args) throws Exception {
        java.nio.file.Path pool = java.nio.file.Path.of(args[0]);
        int terminals = Integer.parseInt(args[1]);
        AtomicLong ids = new AtomicLong(Long.parseLong(args[2]));
        long seed = Long.parseLong(args[3]);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        Terminal[] all = new Terminal[terminals];
        for (int i = 0; i < terminals; i++) {
            all[i] = new Terminal(DriverManager.getConnection(url(pool)), new Random(seed * 31 + i), ids, out);
        }
        out.println("READY");
        for (Terminal t : all) {
            Thread.ofPlatform().name("tpcc-terminal").start(t::run);
        }
    }

    /** One terminal: a connection and the three transactions prepared on it. */
    private static final class Terminal {
        private final Connection connection;
        private final Random random;
        private final AtomicLong ids;
        private final PrintStream out;
        private final NewOrder newOrder;
        private final Payment payment;
        private final Delivery delivery;

        Terminal(Connection connection, Random random, AtomicLong ids, PrintStream out) throws SQLException {
            this.connection = connection;
            this.random = random;
            this.ids = ids;
            this.out = out;
            connection.setAutoCommit(false);
            TerminalContext context = new TerminalContext(1, 1, 1, new NURand(0, 0, 0));
            newOrder = new NewOrder(connection, Dialect.STANDARD, context);
            payment = new Payment(connection, Dialect.STANDARD, context);
            delivery = new Delivery(connection, Dialect.STANDARD, context);
        }

        void run() {
            while (true) {
                long id = ids.getAndIncrement();
                int kind = random.nextInt(100);
                try {
                    if (kind < NEW_ORDER_PERCENT) {
                        newOrder(id);
                    } else if (kind < NEW_ORDER_PERCENT + PAYMENT_PERCENT) {
                        payment(id);
                    } else {
                        delivery(id);
                    }
                } catch (SQLException e) {
                    try {
                        connection.rollback();
                    } catch (SQLException ignored) {
                        // the failure is reported; the next transaction begins afresh
                    }
                    out.println("A " + id + " " + e.getSQLState());
                }
            }
        }

        private void newOrder(long id) throws SQLException {
            int d = 1 + random.nextInt(TpccTortureData.DISTRICTS);
            int c = 1 + random.nextInt(TpccTortureData.CUSTOMERS);
            int lines = 5 + random.nextInt(11);
            int[] items = new int[lines];
            int[] supply = new int[lines];
            int[] quantities = new int[lines];
            boolean rollback = random.nextInt(100) == 0;
            for (int i = 0; i < lines; i++) {
                items[i] = rollback && i == lines - 1 ? TpccTortureData.ITEMS + 1 : 1 + random.nextInt(TpccTortureData.ITEMS);
                supply[i] = 1;
                quantities[i] = 1 + random.nextInt(10);
            }
            out.println("S " + id + " NO " + d + " " + c + " " + lines);
            Outcome outcome = newOrder.execute(new NewOrder.Input(1, d, c, items, supply, quantities));
            out.println((outcome == Outcome.COMMITTED ? "C " : "R ") + id + " NO " + newOrder.lastOrderId());
        }

        private void payment(long id) throws SQLException {
            int d = 1 + random.nextInt(TpccTortureData.DISTRICTS);
            int c = 1 + random.nextInt(TpccTortureData.CUSTOMERS);
            long cents = cents(id);
            out.println("S " + id + " PAY " + d + " " + c + " " + cents);
            payment.execute(new Payment.Input(1, d, 1, d, c, null, BigDecimal.valueOf(cents, 2)));
            out.println("C " + id + " PAY");
        }

        private void delivery(long id) throws SQLException {
            int carrier = 1 + random.nextInt(10);
            out.println("S " + id + " DEL " + carrier);
            delivery.execute(new Delivery.Input(1, carrier));
            List<String> orders = Arrays.stream(delivery.lastDelivered()).mapToObj(String::valueOf).toList();
            out.println("C " + id + " DEL " + orders.stream().collect(Collectors.joining(",")));
        }
    }
}
