package io.persimmon.tpcc;

/**
 * What a terminal's transactions need to generate their input: the number of warehouses, the terminal's
 * home warehouse and district (Stock-Level always uses this pair), and the run's NURand constants.
 */
public record TerminalContext(int warehouses, int homeWarehouse, int homeDistrict, NURand constants) {

    /** Terminal {@code index} (from 0) is bound to warehouse (index mod W) + 1 and the next free district. */
    public static TerminalContext forTerminal(int index, int warehouses, NURand constants) {
        int warehouse = index % warehouses + 1;
        int district = (index / warehouses) % TpccSchema.DISTRICTS_PER_WAREHOUSE + 1;
        return new TerminalContext(warehouses, warehouse, district, constants);
    }

    /** A warehouse other than the home warehouse, uniformly (only when W > 1). */
    public int otherWarehouse(TpccRandom random) {
        int other = random.uniform(1, warehouses - 1);
        return other >= homeWarehouse ? other + 1 : other;
    }
}
