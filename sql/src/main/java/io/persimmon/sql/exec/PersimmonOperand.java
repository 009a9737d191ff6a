package io.persimmon.sql.exec;

import org.apache.calcite.DataContext;

/**
 * A value a scan bound compares with: a literal (in Calcite's representation), the
 * {@code parameter}-th dynamic parameter, read when the statement executes, or (in an index
 * join) the {@code field}-th column of the outer row.
 */
public record PersimmonOperand(Object literal, int parameter, int field) {
    public static PersimmonOperand literal(Object value) {
        return new PersimmonOperand(value, -1, -1);
    }

    public static PersimmonOperand parameter(int index) {
        return new PersimmonOperand(null, index, -1);
    }

    public static PersimmonOperand field(int index) {
        return new PersimmonOperand(null, -1, index);
    }

    /** The value, in Calcite's representation ({@code row}: the outer row of an index join, or null). */
    public Object value(DataContext root, Object[] row) {
        return field >= 0 ? row[field] : parameter < 0 ? literal : root.get("?" + parameter);
    }

    @Override
    public String toString() {
        return field >= 0 ? "$" + field : parameter < 0 ? String.valueOf(literal) : "?" + parameter;
    }
}
