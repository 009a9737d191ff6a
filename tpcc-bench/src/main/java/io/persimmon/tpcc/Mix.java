package io.persimmon.tpcc;

import java.util.Arrays;

/**
 * The transaction mix: a weight per transaction type, 45/43/4/4/4 by default (New-Order, Payment,
 * Order-Status, Delivery, Stock-Level). Each transaction is drawn at random with these weights.
 */
public record Mix(int[] weights) {

    /** The standard mix. */
    public static final Mix STANDARD = new Mix(new int[] {45, 43, 4, 4, 4});

    public Mix {
        if (weights.length != TransactionType.values().length) {
            throw new IllegalArgumentException("a mix needs " + TransactionType.values().length + " weights");
        }
        int total = 0;
        for (int weight : weights) {
            if (weight < 0) {
                throw new IllegalArgumentException("negative weight in mix " + Arrays.toString(weights));
            }
            total += weight;
        }
        if (total == 0) {
            throw new IllegalArgumentException("the mix has no transaction");
        }
        weights = weights.clone();
    }

    /** Parses "45,43,4,4,4". */
    public static Mix parse(String text) {
        String[] parts = text.split(",");
        int[] weights = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                weights[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("mix must be five integers like 45,43,4,4,4: " + text, e);
            }
        }
        return new Mix(weights);
    }

    /** Draws the next transaction type. */
    public TransactionType next(TpccRandom random) {
        int total = Arrays.stream(weights).sum();
        int pick = random.uniform(1, total);
        for (TransactionType type : TransactionType.values()) {
            pick -= weights[type.ordinal()];
            if (pick <= 0) {
                return type;
            }
        }
        throw new AssertionError();
    }

    @Override
    public int[] weights() {
        return weights.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Mix mix && Arrays.equals(weights, mix.weights);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < weights.length; i++) {
            out.append(i == 0 ? "" : "/").append(weights[i]);
        }
        return out.toString();
    }
}
