package io.persimmon.sql.exec;

import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.db.ColumnSelection;
import io.persimmon.engine.db.Index;
import io.persimmon.engine.db.KeyRange;
import io.persimmon.engine.db.Table;
import io.persimmon.engine.row.ColumnType;
import io.persimmon.engine.row.SqlType;
import io.persimmon.sql.schema.PersimmonTypes;

import org.apache.calcite.DataContext;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a {@link io.persimmon.sql.rel.PersimmonTableScan} reads: the table, through its primary key
 * ({@code index} null) or a secondary index, the rows whose first key columns equal
 * {@code prefix} and whose next key column is one of {@code points} or between {@code low} and
 * {@code high}; in key order or its reverse. Bounds are only ever a superset of what the query
 * asks for: the plan keeps its filter above the scan. Rows hold the columns {@code columns}
 * (positions in the table, in row order; null: every column), and only those (and the keys the
 * read needs) are decoded ({@link ColumnSelection}).
 */
public final class PersimmonScanSpec {
    final Table table;
    final Index index;
    /** The columns rows hold, for the engine (null: every column). */
    final ColumnSelection selection;
    /** Types of the columns rows hold. */
    private final SqlType[] columnTypes;
    private final boolean convert;
    private final SqlType[] keyTypes;
    /** Length in characters of each VARCHAR key column, 0 for the others. */
    private final int[] varcharLengths;
    private final List<PersimmonOperand> prefix;
    private final List<PersimmonOperand> points;
    private final PersimmonOperand low;
    private final PersimmonOperand high;
    final boolean descending;
    /** Whether each range is one whole primary key: read by a point get, not a scan. */
    final boolean pointGets;

    public PersimmonScanSpec(Table table, Index index, int[] keyColumns, List<PersimmonOperand> prefix,
                             List<PersimmonOperand> points, PersimmonOperand low, PersimmonOperand high,
                             boolean descending, int[] columns) {
        this.table = table;
        this.index = index;
        SqlType[] tableTypes = table.definition().columns().stream().map(c -> c.type().type()).toArray(SqlType[]::new);
        this.selection = columns == null ? null : ColumnSelection.of(table, columns);
        this.columnTypes = columns == null ? tableTypes
                : Arrays.stream(columns).mapToObj(i -> tableTypes[i]).toArray(SqlType[]::new);
        this.convert = Arrays.stream(columnTypes).anyMatch(PersimmonTypes::needsConversion);
        this.keyTypes = Arrays.stream(keyColumns).mapToObj(i -> tableTypes[i]).toArray(SqlType[]::new);
        this.varcharLengths = Arrays.stream(keyColumns).map(i -> {
            ColumnType t = table.definition().columns().get(i).type();
            return t.type() == SqlType.VARCHAR ? t.length() : 0;
        }).toArray();
        this.prefix = List.copyOf(prefix);
        this.points = points == null ? null : List.copyOf(points);
        this.low = low;
        this.high = high;
        this.descending = descending;
        this.pointGets = index == null && !table.definition().hasHiddenKey() && low == null && high == null
                && prefix.size() + (points == null ? 0 : 1) == keyColumns.length;
    }

    /** Number of columns in a row of this scan. */
    int width() {
        return columnTypes.length;
    }

    /** A row as the engine returned it, in Calcite's representation (the array is the scan's own). */
    Object[] toCalcite(Object[] row) {
        if (convert) {
            for (int i = 0; i < row.length; i++) {
                row[i] = PersimmonValues.engineToCalcite(row[i], columnTypes[i]);
            }
        }
        return row;
    }

    /**
     * The key ranges to scan, in scan order; empty when no row can match. Bounds are inclusive
     * even for {@code <} and {@code >}, and a value the key column cannot hold exactly is rounded
     * to the nearest one it can: either way the range holds every row that matches.
     */
    List<KeyRange> ranges(DataContext root) {
        return ranges(root, null);
    }

    /**
     * The key ranges for one outer row of an index join (null: a scan's). A value the key column
     * cannot hold (a string longer than a VARCHAR key, say) equals no key: for a join's lookup it
     * matches nothing; a scan's bound reads everything instead, and the filter above decides.
     */
    List<KeyRange> ranges(DataContext root, Object[] row) {
        try {
            return exactRanges(root, row);
        } catch (PersimmonException e) {
            return row != null ? List.of() : List.of(KeyRange.ALL);
        }
    }

    private List<KeyRange> exactRanges(DataContext root, Object[] row) {
        Object[] eq = new Object[prefix.size() + 1];
        for (int i = 0; i < prefix.size(); i++) {
            eq[i] = prefix.get(i).value(root, row);
            if (eq[i] == null) {
                return List.of(); // col = NULL is never true
            }
            if (tooLong(eq[i], i)) {
                return List.of(); // equal to a string the column cannot hold: no row
            }
            eq[i] = key(eq[i], i);
            if (eq[i] == BELOW || eq[i] == ABOVE) {
                return List.of(); // equal to a value the column cannot hold: no row
            }
        }
        int n = prefix.size();
        if (points != null) {
            List<byte[]> keys = new ArrayList<>();
            for (PersimmonOperand p : points) {
                Object v = p.value(root, row);
                if (v != null && !tooLong(v, n)) {
                    eq[n] = key(v, n);
                    if (eq[n] != BELOW && eq[n] != ABOVE) {
                        keys.add(encode(eq, n + 1));
                    }
                }
            }
            keys.sort(descending ? (a, b) -> Arrays.compareUnsigned(b, a) : Arrays::compareUnsigned);
            List<KeyRange> ranges = new ArrayList<>();
            byte[] last = null;
            for (byte[] k : keys) {
                if (last == null || !Arrays.equals(last, k)) {
                    ranges.add(KeyRange.prefix(k));
                }
                last = k;
            }
            return ranges;
        }
        byte[] base = n == 0 ? null : encode(eq, n);
        if ((low != null && low.value(root, row) == null) || (high != null && high.value(root, row) == null)) {
            return List.of(); // col < NULL is never true
        }
        Object lowKey = low == null ? null : key(low.value(root, row), n);
        Object highKey = high == null ? null : key(high.value(root, row), n);
        if (lowKey == ABOVE || highKey == BELOW) {
            return List.of(); // col > (more than any value it holds), col < (less than any)
        }
        byte[] lo = lowKey == null || lowKey == BELOW ? base : encodeWith(eq, n, lowKey); // below: no lower bound
        byte[] hi = highKey == null || highKey == ABOVE ? base : encodeWith(eq, n, highKey);
        return List.of(new KeyRange(lo, true, hi, true));
    }

    /**
     * Whether {@code v} is a string longer than the VARCHAR key column {@code i} holds, which no
     * key equals (the engine would cut trailing spaces beyond the length, or refuse the value).
     */
    private boolean tooLong(Object v, int i) {
        return varcharLengths[i] > 0 && v instanceof String s && s.codePointCount(0, s.length()) > varcharLengths[i];
    }

    private byte[] encodeWith(Object[] eq, int n, Object value) {
        eq[n] = value;
        return encode(eq, n + 1);
    }

    /** Marks a value below ({@code BELOW}) or above ({@code ABOVE}) every value of an integer key column. */
    private static final Object BELOW = new Object();
    private static final Object ABOVE = new Object();
    private static final BigDecimal[][] INTEGER_RANGES = {
            {BigDecimal.valueOf(Short.MIN_VALUE), BigDecimal.valueOf(Short.MAX_VALUE)},
            {BigDecimal.valueOf(Integer.MIN_VALUE), BigDecimal.valueOf(Integer.MAX_VALUE)},
            {BigDecimal.valueOf(Long.MIN_VALUE), BigDecimal.valueOf(Long.MAX_VALUE)}};

    /**
     * The engine value of the {@code i}-th key column for a (non-null) Calcite value, or
     * {@code BELOW} / {@code ABOVE} when the column is an integer type and the value lies outside
     * its range (a comparison through a widening cast, {@code CAST(smallint_col AS INTEGER) = 40000},
     * may bring one). A fraction is rounded to the nearest integer by the engine: for an inclusive
     * bound that still covers every matching row, and an equality with a fraction matches none.
     */
    private Object key(Object v, int i) {
        int range = switch (keyTypes[i]) {
            case SMALLINT -> 0;
            case INTEGER -> 1;
            case BIGINT -> 2;
            default -> -1;
        };
        if (range >= 0 && v instanceof Number number) {
            BigDecimal d = switch (number) {
                case BigDecimal b -> b;
                case Byte b -> BigDecimal.valueOf(b);
                case Short x -> BigDecimal.valueOf(x);
                case Integer x -> BigDecimal.valueOf(x);
                case Long x -> BigDecimal.valueOf(x);
                default -> null; // floating point and others: the engine decides (an error scans everything)
            };
            if (d != null) {
                BigDecimal rounded = d.setScale(0, RoundingMode.HALF_UP);
                if (rounded.compareTo(INTEGER_RANGES[range][0]) < 0) {
                    return BELOW;
                }
                if (rounded.compareTo(INTEGER_RANGES[range][1]) > 0) {
                    return ABOVE;
                }
                return rounded.longValueExact();
            }
        }
        return PersimmonValues.calciteToEngine(v, keyTypes[i]);
    }

    private byte[] encode(Object[] values, int count) {
        Object[] v = Arrays.copyOf(values, count);
        return index == null ? table.keyPrefix(v) : index.prefix(v);
    }
}
