package io.persimmon.engine.row;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;

/**
 * A column of a table as the engine sees it: its name (as it appears in messages), its type and
 * whether it accepts NULL.
 */
public record Column(String name, ColumnType type, boolean nullable) {
    public Column {
        if (name == null || name.isEmpty() || type == null) {
            throw new PersimmonException(ErrorCode.INVALID_ARGUMENT, "a column needs a name and a type");
        }
    }

    /** A column that accepts NULL. */
    public static Column nullable(String name, ColumnType type) {
        return new Column(name, type, true);
    }

    /** A NOT NULL column. */
    public static Column notNull(String name, ColumnType type) {
        return new Column(name, type, false);
    }

    /** The column in SQL form: {@code NAME VARCHAR(16) NOT NULL}. */
    @Override
    public String toString() {
        return name + " " + type + (nullable ? "" : " NOT NULL");
    }
}
