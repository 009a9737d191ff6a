package io.persimmon.tools;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the TPC-C torture children reported, kept over all rounds: every transaction by id with
 * its input and outcome ({@link TpccTortureWorkload} writes the lines). A transaction still in
 * flight at the end of its round is resolved by the verifier, from what the database shows, into
 * committed or not; from then on it counts as that.
 */
final class TpccTortureLedger {
    enum Kind { NO, PAY, DEL }

    enum State { IN_FLIGHT, COMMITTED, ROLLED_BACK, FAILED }

    /** One transaction; {@code orderId} for a New-Order (known once reported or resolved), {@code delivered} for a Delivery. */
    static final class Tx {
        final long id;
        final Kind kind;
        final int district;
        final int customer;
        final int lines;
        final long cents;
        final int round;
        State state = State.IN_FLIGHT;
        int orderId = -1;
        int[] delivered;

        Tx(long id, Kind kind, int district, int customer, int lines, long cents, int round) {
            this.id = id;
            this.kind = kind;
            this.district = district;
            this.customer = customer;
            this.lines = lines;
            this.cents = cents;
            this.round = round;
        }

        @Override
        public String toString() {
            return switch (kind) {
                case NO -> "New-Order " + id + " (district " + district + ", customer " + customer + ", " + lines
                        + " lines" + (orderId >= 0 ? ", order " + orderId : "") + ")";
                case PAY -> "Payment " + id + " (district " + district + ", customer " + customer + ", "
                        + cents / 100 + "." + String.format("%02d", cents % 100) + ")";
                case DEL -> "Delivery " + id;
            };
        }
    }

    final Map<Long, Tx> all = new LinkedHashMap<>();
    /** Orders ("district/order") delivered by Deliveries that were in flight at a kill and found committed. */
    final Set<String> deliveredByInFlight = new HashSet<>();
    private long highestId;

    /** Takes one line of round {@code round}'s report; false when it is not one (a line cut by the kill). */
    boolean accept(String line, int round) {
        String[] p = line.split(" ");
        try {
            if (p[0].equals("READY")) {
                return true;
            }
            long id = Long.parseLong(p[1]);
            highestId = Math.max(highestId, id);
            switch (p[0]) {
                case "S" -> {
                    Kind kind = Kind.valueOf(p[2]);
                    Tx tx = switch (kind) {
                        case NO -> new Tx(id, kind, Integer.parseInt(p[3]), Integer.parseInt(p[4]), Integer.parseInt(p[5]), 0, round);
                        case PAY -> new Tx(id, kind, Integer.parseInt(p[3]), Integer.parseInt(p[4]), 0, Long.parseLong(p[5]), round);
                        case DEL -> new Tx(id, kind, 0, Integer.parseInt(p[3]), 0, 0, round);
                    };
                    all.put(id, tx);
                }
                case "C", "R" -> {
                    Tx tx = all.get(id);
                    tx.state = p[0].equals("C") ? State.COMMITTED : State.ROLLED_BACK;
                    if (tx.kind == Kind.NO) {
                        tx.orderId = Integer.parseInt(p[3]);
                    } else if (tx.kind == Kind.DEL) {
                        String[] orders = p[3].split(",");
                        if (orders.length != TpccTortureData.DISTRICTS) {
                            throw new IllegalArgumentException(line);
                        }
                        tx.delivered = new int[orders.length];
                        for (int d = 0; d < orders.length; d++) {
                            tx.delivered[d] = Integer.parseInt(orders[d]);
                        }
                    }
                }
                case "A" -> all.get(id).state = State.FAILED;
                default -> {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    long highestId() {
        return highestId;
    }

    List<Tx> of(Kind kind, State state) {
        List<Tx> out = new ArrayList<>();
        for (Tx tx : all.values()) {
            if (tx.kind == kind && tx.state == state) {
                out.add(tx);
            }
        }
        return out;
    }

    /** Committed New-Orders by "district/order". */
    Map<String, Tx> committedOrders() {
        Map<String, Tx> m = new HashMap<>();
        for (Tx tx : of(Kind.NO, State.COMMITTED)) {
            m.put(tx.district + "/" + tx.orderId, tx);
        }
        return m;
    }
}
