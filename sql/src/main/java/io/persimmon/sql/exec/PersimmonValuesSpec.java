package io.persimmon.sql.exec;

import org.apache.calcite.DataContext;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.runtime.SqlFunctions;

import java.math.BigDecimal;
import java.util.List;

/**
 * The rows of a VALUES ({@code PersimmonValuesRel}): each cell a value already in Calcite's
 * representation for its column (a literal, converted when the plan was made) or a
 * {@link Parameter}, read from the execution's parameters. Held as data rather than compiled
 * into code, so a VALUES of any size (a 5,000-row INSERT, a 1 MiB binary literal) fits the JVM's
 * 64 KB limit on a method's bytecode.
 */
public record PersimmonValuesSpec(List<Object[]> rows) {
    /** How a parameter's value is brought to its column's representation. */
    public enum Conversion { NONE, TRUNCATE, TRUNCATE_OR_PAD, BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, DECIMAL }

    /**
     * The {@code index}-th dynamic parameter, converted as Calcite's generated code converts it
     * (numbers to the column's class; strings and binaries cut, or padded for CHAR(n), to {@code precision}).
     */
    public record Parameter(int index, Conversion conversion, int precision) {
        Object value(DataContext root) {
            Object v = root.get("?" + index);
            if (v == null) {
                return null;
            }
            return switch (conversion) {
                case NONE -> v;
                case TRUNCATE -> v instanceof ByteString b ? SqlFunctions.truncate(b, precision)
                        : SqlFunctions.truncate(v.toString(), precision);
                case TRUNCATE_OR_PAD -> v instanceof ByteString b ? SqlFunctions.truncateOrPad(b, precision)
                        : SqlFunctions.truncateOrPad(v.toString(), precision);
                case BYTE -> ((Number) v).byteValue();
                case SHORT -> ((Number) v).shortValue();
                case INT -> ((Number) v).intValue();
                case LONG -> ((Number) v).longValue();
                case FLOAT -> ((Number) v).floatValue();
                case DOUBLE -> ((Number) v).doubleValue();
                case DECIMAL -> v instanceof BigDecimal d ? d : new BigDecimal(v.toString());
            };
        }

        @Override
        public String toString() {
            return "?" + index;
        }
    }

    /** The rows, each a new array (a row holding parameters is filled in as it is read). */
    public Enumerable<Object[]> enumerable(DataContext root) {
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                return new Enumerator<>() {
                    private int next;
                    private Object[] current;

                    @Override
                    public Object[] current() {
                        return current;
                    }

                    @Override
                    public boolean moveNext() {
                        if (next >= rows.size()) {
                            return false;
                        }
                        Object[] row = rows.get(next++).clone();
                        for (int i = 0; i < row.length; i++) {
                            if (row[i] instanceof Parameter p) {
                                row[i] = p.value(root);
                            }
                        }
                        current = row;
                        return true;
                    }

                    @Override
                    public void reset() {
                        next = 0;
                        current = null;
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }
}
