package io.persimmon.tpcc;

/**
 * The five TPC-C transactions, with the keying times and mean think times of clause 5.2.5.7 (used only
 * when enabled: the benchmark runs without them by default).
 */
public enum TransactionType {
    NEW_ORDER("NewOrder", 18, 12),
    PAYMENT("Payment", 3, 12),
    ORDER_STATUS("OrderStatus", 2, 10),
    DELIVERY("Delivery", 2, 5),
    STOCK_LEVEL("StockLevel", 2, 5);

    private final String label;
    private final int keyingSeconds;
    private final int meanThinkSeconds;

    TransactionType(String label, int keyingSeconds, int meanThinkSeconds) {
        this.label = label;
        this.keyingSeconds = keyingSeconds;
        this.meanThinkSeconds = meanThinkSeconds;
    }

    /** The name used in reports and JSON ("NewOrder", ...). */
    public String label() {
        return label;
    }

    /** Keying time in seconds. */
    public int keyingSeconds() {
        return keyingSeconds;
    }

    /** Mean think time in seconds. */
    public int meanThinkSeconds() {
        return meanThinkSeconds;
    }
}
