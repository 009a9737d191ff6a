package io.persimmon.tools;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether the rows found after a kill are exactly what the child reported. Per key the
 * expected state is the write with the highest number among the committed transactions (numbers
 * grow per key in commit order, see {@link TortureWorkload}), or the state before the round.
 * Committed means reported by a {@code C} line, or announced ({@code B}) and found: a transaction
 * killed between its commit point and its report is in flight, and it counts as committed when
 * any of its writes shows (or when it deleted a key that is gone where a committed row was due);
 * then every one of its writes must show. A key whose committed write is missing is a loss; a
 * value nobody committed, a rolled-back transaction's value, or half of a transaction is an anomaly.
 */
final class TortureVerifier {
    enum State { COMMITTED, IN_FLIGHT, ROLLED_BACK }

    /** One write: number {@code counter} puts a row at {@code key}, or deletes it. */
    record Write(long tx, int key, long counter, boolean delete) {}

    /** A transaction the child announced. */
    static final class Tx {
        final long id;
        final List<Write> writes = new ArrayList<>();
        State state = State.IN_FLIGHT;

        Tx(long id) {
            this.id = id;
        }
    }

    /** A row found: the number and transaction it carries. */
    record Found(long counter, long tx) {}

    /** The verdict of one round. */
    record Result(int committed, int inFlight, int inFlightCommitted, int verified, int lost, List<String> anomalies,
                  List<String> losses) {}

    private final Map<Long, Tx> txs = new LinkedHashMap<>();
    private long highestCounter = -1;
    private long highestTx = -1;

    /** Takes one line of the child's report; false when it is not one (a line cut by the kill). */
    boolean accept(String line) {
        String[] p = line.split(" ");
        try {
            switch (p[0]) {
                case "READY" -> {
                    return true;
                }
                case "B" -> {
                    Tx tx = new Tx(Long.parseLong(p[1]));
                    for (int i = 2; i < p.length; i++) {
                        int eq = p[i].indexOf('=');
                        int key = Integer.parseInt(p[i].substring(0, eq));
                        boolean delete = p[i].charAt(eq + 1) == '-';
                        long counter = Long.parseLong(p[i].substring(eq + (delete ? 2 : 1)));
                        tx.writes.add(new Write(tx.id, key, counter, delete));
                        highestCounter = Math.max(highestCounter, counter);
                    }
                    txs.put(tx.id, tx);
                    highestTx = Math.max(highestTx, tx.id);
                    return true;
                }
                case "C", "A" -> {
                    Tx tx = txs.get(Long.parseLong(p[1]));
                    if (tx == null) {
                        return false;
                    }
                    tx.state = p[0].equals("C") ? State.COMMITTED : State.ROLLED_BACK;
                    return true;
                }
                default -> {
                    return false;
                }
            }
        } catch (RuntimeException e) {
            return false;
        }
    }

    long highestCounter() {
        return highestCounter;
    }

    long highestTx() {
        return highestTx;
    }

    /**
     * Compares {@code found} (key to row) with {@code before} (key to number, the state at the
     * start of the round) and the reported transactions.
     */
    Result verify(Map<Integer, Long> before, Map<Integer, Found> found) {
        Map<Long, Write> byCounter = new HashMap<>();
        Map<Integer, List<Write>> byKey = new HashMap<>();
        for (Tx tx : txs.values()) {
            for (Write w : tx.writes) {
                byCounter.put(w.counter(), w);
                byKey.computeIfAbsent(w.key(), k -> new ArrayList<>()).add(w);
            }
        }
        Set<Long> committed = new HashSet<>();
        txs.values().stream().filter(t -> t.state == State.COMMITTED).forEach(t -> committed.add(t.id));
        Set<Integer> keys = new TreeSet<>(before.keySet());
        keys.addAll(byKey.keySet());
        keys.addAll(found.keySet());
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int key : keys) {
                Write expected = expected(key, byKey, committed);
                Found actual = found.get(key);
                if (matches(key, expected, before, actual)) {
                    continue;
                }
                Tx explains = explainingInFlight(key, expected, actual, byKey, byCounter, committed);
                if (explains != null) {
                    committed.add(explains.id);
                    changed = true;
                }
            }
        }
        List<String> anomalies = new ArrayList<>();
        List<String> losses = new ArrayList<>();
        Set<Long> lostTxs = new HashSet<>();
        for (int key : keys) {
            Write expected = expected(key, byKey, committed);
            Found actual = found.get(key);
            if (matches(key, expected, before, actual)) {
                continue;
            }
            String what = "key " + key + ": expected " + describe(key, expected, before) + ", found "
                    + (actual == null ? "no row" : "number " + actual.counter() + " of transaction " + actual.tx());
            Write shown = actual == null ? null : byCounter.get(actual.counter());
            if (shown != null && txs.get(shown.tx()).state == State.ROLLED_BACK) {
                anomalies.add(what + " (a rolled-back transaction's write)");
            } else if (actual != null && shown == null && !Long.valueOf(actual.counter()).equals(before.get(key))) {
                anomalies.add(what + " (a number no transaction wrote)");
            } else if (expected != null && txs.get(expected.tx()).state == State.COMMITTED) {
                losses.add(what);
                lostTxs.add(expected.tx());
            } else {
                anomalies.add(what);
            }
        }
        for (Map.Entry<Integer, Found> e : found.entrySet()) {
            Write w = byCounter.get(e.getValue().counter());
            if (w != null && (w.tx() != e.getValue().tx() || w.key() != e.getKey())) {
                anomalies.add("key " + e.getKey() + ": the row of number " + e.getValue().counter()
                        + " names transaction " + e.getValue().tx() + ", which did not write it there");
            }
        }
        int reported = 0;
        int inFlight = 0;
        for (Tx tx : txs.values()) {
            if (tx.state == State.COMMITTED) {
                reported++;
            } else if (tx.state == State.IN_FLIGHT) {
                inFlight++;
            }
        }
        int inFlightCommitted = committed.size() - reported;
        return new Result(reported, inFlight, inFlightCommitted, reported - lostTxs.size(), lostTxs.size(),
                anomalies, losses);
    }

    /** The committed write with the highest number at {@code key}, or null when none was committed. */
    private Write expected(int key, Map<Integer, List<Write>> byKey, Set<Long> committed) {
        Write best = null;
        for (Write w : byKey.getOrDefault(key, List.of())) {
            if (committed.contains(w.tx()) && (best == null || w.counter() > best.counter())) {
                best = w;
            }
        }
        return best;
    }

    private static boolean matches(int key, Write expected, Map<Integer, Long> before, Found actual) {
        if (expected == null) {
            Long old = before.get(key);
            return old == null ? actual == null : actual != null && actual.counter() == old;
        }
        return expected.delete() ? actual == null : actual != null && actual.counter() == expected.counter();
    }

    /**
     * An in-flight transaction not yet counted as committed whose write explains what the key
     * shows: the write of the number found, or a delete newer than the expected state when the
     * key is gone. Null when there is none.
     */
    private Tx explainingInFlight(int key, Write expected, Found actual, Map<Integer, List<Write>> byKey,
                                  Map<Long, Write> byCounter, Set<Long> committed) {
        if (actual != null) {
            Write w = byCounter.get(actual.counter());
            Tx tx = w == null ? null : txs.get(w.tx());
            return tx != null && tx.state == State.IN_FLIGHT && !committed.contains(tx.id) && w.key() == key ? tx : null;
        }
        long floor = expected == null ? -1 : expected.counter();
        Write newest = null;
        for (Write w : byKey.getOrDefault(key, List.of())) {
            Tx tx = txs.get(w.tx());
            if (w.delete() && w.counter() > floor && tx.state == State.IN_FLIGHT && !committed.contains(tx.id)
                    && (newest == null || w.counter() > newest.counter())) {
                newest = w;
            }
        }
        return newest == null ? null : txs.get(newest.tx());
    }

    private String describe(int key, Write expected, Map<Integer, Long> before) {
        if (expected == null) {
            Long old = before.get(key);
            return old == null ? "no row" : "number " + old + " (from before this round)";
        }
        Tx tx = txs.get(expected.tx());
        String whose = " of transaction " + tx.id + (tx.state == State.COMMITTED ? " (reported committed)"
                : " (in flight, committed by its other writes)");
        return expected.delete() ? "no row (deleted by number " + expected.counter() + whose + ")"
                : "number " + expected.counter() + whose;
    }

    @Override
    public String toString() {
        return "transactions " + Arrays.toString(txs.keySet().toArray());
    }
}
