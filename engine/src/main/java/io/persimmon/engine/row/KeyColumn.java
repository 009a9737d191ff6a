package io.persimmon.engine.row;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;

/**
 * One column of an index key: its type and its direction. NULL is the lowest value, so it comes
 * first in an ascending column and last in a descending one.
 */
public record KeyColumn(ColumnType type, boolean descending) {
    public KeyColumn {
        if (type == null) {
            throw new PersimmonException(ErrorCode.INVALID_ARGUMENT, "a key column needs a type");
        }
    }

    /** An ascending key column. */
    public static KeyColumn asc(ColumnType type) {
        return new KeyColumn(type, false);
    }

    /** A descending key column. */
    public static KeyColumn desc(ColumnType type) {
        return new KeyColumn(type, true);
    }

    @Override
    public String toString() {
        return type + (descending ? " DESC" : " ASC");
    }
}
