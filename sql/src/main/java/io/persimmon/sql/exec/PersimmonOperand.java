package io.persimmon.sql.exec;

import org.apache.calcite.DataContext;

/**
 * A value a scan bound compares with: a literal (in Calcite's representation) or the
 * {@code parameter}-th dynamic parameter, read when the statement executes.
 */
public record PersimmonOperand(Object literal, int parameter) {
    public static PersimmonOperand literal(Object value) {
        return new PersimmonOperand(value, -1);
    }

    public static PersimmonOperand parameter(int index) {
        return new PersimmonOperand(null, index);
    }

    /** The value, in Calcite's representation. */
    public Object value(DataContext root) {
        return parameter < 0 ? literal : root.get("?" + parameter);
    }

    @Override
    public String toString() {
        return parameter < 0 ? String.valueOf(literal) : "?" + parameter;
    }
}
