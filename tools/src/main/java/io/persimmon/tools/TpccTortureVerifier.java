package io.persimmon.tools;

import io.persimmon.tools.TpccTortureLedger.Kind;
import io.persimmon.tools.TpccTortureLedger.State;
import io.persimmon.tools.TpccTortureLedger.Tx;
import io.persimmon.tpcc.ConsistencyCheck;
import io.persimmon.tpcc.ConsistencyResult;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * After a kill: the database against the ledger of reported transactions. Every reported commit
 * must be there (a New-Order's order and all its lines, a Payment's history row, a Delivery's
 * carrier, delivery dates and removed NEW_ORDER row); whatever else is there must be explained by a
 * transaction in flight at the kill (which then counts as committed); nothing of a rolled-back or
 * failed transaction may be there. Then TPC-C's consistency conditions 1 to 4, and sums that tie
 * every table the workload writes to the others:
 * <ul>
 *   <li>sum(S_ORDER_CNT) and sum(S_YTD) are the count and the quantity of the order lines the run
 *       inserted (a rolled-back New-Order's stock updates must be gone with it);</li>
 *   <li>for each customer, C_YTD_PAYMENT and C_PAYMENT_CNT are the sum and count of its HISTORY
 *       rows, C_BALANCE + C_YTD_PAYMENT is the amount of its delivered order lines, and
 *       C_DELIVERY_CNT the number of its orders the run delivered;</li>
 *   <li>W_YTD is the loaded 300,000.00 plus the run's payments.</li>
 * </ul>
 */
final class TpccTortureVerifier {
    /** What one round found. */
    record Result(int committed, int verified, int lost, int rolledBack, int inFlight, int inFlightCommitted,
                  List<String> losses, List<String> anomalies) {}

    private final TpccTortureLedger ledger;
    private final int round;
    private final List<String> losses = new ArrayList<>();
    private final List<String> anomalies = new ArrayList<>();
    private final Set<Long> lostTx = new HashSet<>();
    /** Transactions in flight at this round's kill that the database shows committed. */
    private final Set<Long> resolvedInFlight = new HashSet<>();

    private TpccTortureVerifier(TpccTortureLedger ledger, int round) {
        this.ledger = ledger;
        this.round = round;
    }

    /** Verifies the database of {@code c} (opened after the kill) against the ledger; resolves round {@code round}'s in-flight transactions. */
    static Result verify(Connection c, TpccTortureLedger ledger, int round) throws SQLException {
        TpccTortureVerifier v = new TpccTortureVerifier(ledger, round);
        TpccTortureSnapshot db = TpccTortureSnapshot.read(c);
        int inFlight = (int) ledger.all.values().stream().filter(t -> t.round == round && t.state == State.IN_FLIGHT).count();
        int resolved = v.orders(db) + v.payments(db) + v.deliveries(db);
        v.sums(db);
        ConsistencyResult consistency = ConsistencyCheck.check(c, 1);
        consistency.failures().forEach(f -> v.anomalies.add("TPC-C " + f));
        int committed = 0;
        int rolledBack = 0;
        int verified = 0;
        for (Tx tx : ledger.all.values()) {
            if (tx.round != round) {
                continue;
            }
            if (tx.state == State.COMMITTED && !v.resolvedInFlight.contains(tx.id)) {
                committed++;
                verified += v.lostTx.contains(tx.id) ? 0 : 1;
            } else if (tx.state == State.ROLLED_BACK || tx.state == State.FAILED) {
                rolledBack++;
            }
        }
        // in flight and not explained by what the database shows: it did not commit
        for (Tx tx : ledger.all.values()) {
            if (tx.state == State.IN_FLIGHT) {
                tx.state = State.FAILED;
            }
        }
        return new Result(committed, verified, v.lostTx.size(), rolledBack, inFlight, resolved, v.losses, v.anomalies);
    }

    private void lost(Tx tx, String what) {
        losses.add(tx + ": " + what);
        lostTx.add(tx.id);
    }

    private Tx resolve(Tx tx) {
        tx.state = State.COMMITTED;
        resolvedInFlight.add(tx.id);
        return tx;
    }

    /** New-Orders: each committed one's order and lines; every order of the run explained. Returns in-flight ones resolved. */
    private int orders(TpccTortureSnapshot db) {
        Map<String, Tx> committed = ledger.committedOrders();
        for (Map.Entry<String, Tx> e : committed.entrySet()) {
            Tx tx = e.getValue();
            TpccTortureSnapshot.Order o = db.orders.get(e.getKey());
            if (o == null) {
                lost(tx, "no order " + e.getKey());
            } else if (o.customer() != tx.customer || o.lineCount() != tx.lines || o.linesFound() != tx.lines) {
                lost(tx, "order " + e.getKey() + " has customer " + o.customer() + ", O_OL_CNT " + o.lineCount()
                        + " and " + o.linesFound() + " line(s)");
            }
        }
        List<Tx> inFlight = new ArrayList<>(ledger.of(Kind.NO, State.IN_FLIGHT));
        Map<String, Tx> rolledBack = new HashMap<>();
        for (State s : new State[] {State.ROLLED_BACK, State.FAILED}) {
            for (Tx tx : ledger.of(Kind.NO, s)) {
                rolledBack.put(tx.district + "/" + tx.orderId + "/" + tx.customer + "/" + tx.lines, tx);
            }
        }
        int resolved = 0;
        for (Map.Entry<String, TpccTortureSnapshot.Order> e : db.orders.entrySet()) {
            TpccTortureSnapshot.Order o = e.getValue();
            if (o.id() <= TpccTortureData.ORDERS || committed.containsKey(e.getKey())) {
                continue;
            }
            Tx match = inFlight.stream().filter(t -> t.district == o.district() && t.customer == o.customer()
                    && t.lines == o.lineCount()).findFirst().orElse(null);
            if (match != null && o.linesFound() == o.lineCount()) {
                inFlight.remove(match);
                resolve(match).orderId = o.id();
                resolved++;
                continue;
            }
            Tx undone = rolledBack.get(o.district() + "/" + o.id() + "/" + o.customer() + "/" + o.lineCount());
            anomalies.add("order " + e.getKey() + " (customer " + o.customer() + ", O_OL_CNT " + o.lineCount() + ", "
                    + o.linesFound() + " line(s)) " + (undone != null ? "is that of the rolled-back " + undone
                    : "is no committed New-Order's, nor a whole one of a New-Order in flight"));
        }
        return resolved;
    }

    /** Payments: each committed one's HISTORY row; every history row of the run explained. */
    private int payments(TpccTortureSnapshot db) {
        Map<Long, Tx> byCents = new HashMap<>();
        for (Tx tx : ledger.all.values()) {
            if (tx.kind == Kind.PAY) {
                byCents.put(tx.cents, tx);
            }
        }
        int resolved = 0;
        Set<Long> seen = new HashSet<>();
        for (TpccTortureSnapshot.History h : db.history) {
            if (h.cents() == TpccTortureData.FIRST_PAYMENT.movePointRight(2).longValueExact()) {
                continue;
            }
            Tx tx = byCents.get(h.cents());
            if (tx == null || tx.district != h.district() || tx.customer != h.customer() || !seen.add(h.cents())) {
                anomalies.add("history row " + h + " is no Payment's (or a second copy of one)");
            } else if (tx.state == State.IN_FLIGHT) {
                resolve(tx);
                resolved++;
            } else if (tx.state != State.COMMITTED) {
                anomalies.add("history row " + h + " is that of the " + tx.state.name().toLowerCase().replace('_', ' ')
                        + " " + tx);
            }
        }
        for (Tx tx : ledger.of(Kind.PAY, State.COMMITTED)) {
            if (!seen.contains(tx.cents)) {
                lost(tx, "no history row");
            }
        }
        return resolved;
    }

    /** Deliveries: each committed one's orders delivered; every order the run delivered explained. */
    private int deliveries(TpccTortureSnapshot db) {
        Set<String> explained = new HashSet<>();
        for (Tx tx : ledger.of(Kind.DEL, State.COMMITTED)) {
            if (tx.delivered == null) {
                continue; // an in-flight Delivery resolved as committed in an earlier round: its orders are below
            }
            for (int d = 1; d <= tx.delivered.length; d++) {
                int o = tx.delivered[d - 1];
                if (o < 0) {
                    continue;
                }
                String key = d + "/" + o;
                explained.add(key);
                TpccTortureSnapshot.Order order = db.orders.get(key);
                if (order == null || order.carrier() == null || db.newOrders.contains(key)
                        || order.linesDelivered() != order.linesFound()) {
                    lost(tx, "order " + key + " is not delivered (" + order + (db.newOrders.contains(key)
                            ? ", still in NEW_ORDER" : "") + ")");
                }
            }
        }
        explained.addAll(ledger.deliveredByInFlight);
        int[] unexplained = new int[TpccTortureData.DISTRICTS + 1];
        List<String> extra = new ArrayList<>();
        for (Map.Entry<String, TpccTortureSnapshot.Order> e : db.orders.entrySet()) {
            TpccTortureSnapshot.Order o = e.getValue();
            if (o.carrier() != null && o.id() >= TpccTortureData.FIRST_UNDELIVERED && !explained.contains(e.getKey())) {
                unexplained[o.district()]++;
                extra.add(e.getKey());
            }
        }
        List<Tx> inFlight = ledger.of(Kind.DEL, State.IN_FLIGHT);
        for (int d = 1; d <= TpccTortureData.DISTRICTS; d++) {
            if (unexplained[d] > inFlight.size()) {
                anomalies.add("district " + d + " has " + unexplained[d] + " delivered order(s) that no committed Delivery "
                        + "delivered, and " + inFlight.size() + " Delivery(ies) were in flight");
            }
        }
        int resolved = 0;
        if (!extra.isEmpty()) {
            int most = 0;
            for (int n : unexplained) {
                most = Math.max(most, n);
            }
            for (int i = 0; i < Math.min(most, inFlight.size()); i++) {
                resolve(inFlight.get(i));
                resolved++;
            }
            ledger.deliveredByInFlight.addAll(extra);
        }
        return resolved;
    }

    /** The sums that tie stock, order lines, customers, history and the warehouse together. */
    private void sums(TpccTortureSnapshot db) {
        if (db.stockOrderCount != db.runLines || db.stockYtd != db.runQuantity) {
            anomalies.add("STOCK says " + db.stockOrderCount + " order line(s) of quantity " + db.stockYtd
                    + ", the run's orders have " + db.runLines + " of quantity " + db.runQuantity);
        }
        for (TpccTortureSnapshot.Customer cu : db.customers.values()) {
            String who = "customer " + cu.district() + "/" + cu.id();
            TpccTortureSnapshot.Paid paid = db.paid.getOrDefault(cu.district() + "/" + cu.id(),
                    new TpccTortureSnapshot.Paid(BigDecimal.ZERO, 0));
            if (cu.ytd().compareTo(paid.sum()) != 0 || cu.paymentCount() != paid.count()) {
                anomalies.add(who + ": C_YTD_PAYMENT " + cu.ytd() + " and C_PAYMENT_CNT " + cu.paymentCount()
                        + ", its history rows " + paid.sum() + " in " + paid.count());
            }
            BigDecimal delivered = db.deliveredAmount.getOrDefault(cu.district() + "/" + cu.id(), BigDecimal.ZERO);
            if (cu.balance().add(cu.ytd()).compareTo(delivered) != 0) {
                anomalies.add(who + ": C_BALANCE " + cu.balance() + " + C_YTD_PAYMENT " + cu.ytd()
                        + " is not the amount of its delivered order lines, " + delivered);
            }
            int deliveries = db.deliveredOrders.getOrDefault(cu.district() + "/" + cu.id(), 0);
            if (cu.deliveryCount() != deliveries) {
                anomalies.add(who + ": C_DELIVERY_CNT " + cu.deliveryCount() + ", the run delivered " + deliveries
                        + " of its orders");
            }
        }
        BigDecimal payments = db.historySum.subtract(TpccTortureData.FIRST_PAYMENT.multiply(
                BigDecimal.valueOf((long) TpccTortureData.DISTRICTS * TpccTortureData.CUSTOMERS)));
        if (db.warehouseYtd == null || db.warehouseYtd.compareTo(TpccTortureData.WAREHOUSE_YTD.add(payments)) != 0) {
            anomalies.add("W_YTD " + db.warehouseYtd + " is not 300000.00 plus the payments in HISTORY, " + payments);
        }
    }
}
