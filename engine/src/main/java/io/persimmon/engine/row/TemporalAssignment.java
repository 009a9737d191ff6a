package io.persimmon.engine.row;

import io.persimmon.engine.ErrorCode;

/** Assignment of a Long to a TIME or TIMESTAMP column, rounded to its fractional seconds. */
final class TemporalAssignment {
    /** Microseconds in a day: a TIME is in [0, MICROS_PER_DAY). */
    static final long MICROS_PER_DAY = 86_400_000_000L;
    /** Digits of fractional seconds that a microsecond value carries. */
    private static final int MICRO_DIGITS = ColumnType.MAX_FRACTIONAL_SECONDS;

    private TemporalAssignment() {}

    /** The Long stored for {@code value}, rounded half up (towards later) to the column's precision. */
    static Long toTime(AssignmentTarget target, Object value) {
        long micros = target.require(Long.class, value);
        boolean time = target.type().type() == SqlType.TIME;
        if (time && (micros < 0 || micros >= MICROS_PER_DAY)) {
            throw target.fail(ErrorCode.INVALID_VALUE,
                    "value is not a time of day (microseconds in [0, " + MICROS_PER_DAY + "))", value);
        }
        long unit = unit(target.type().precision());
        long below = Math.floorMod(micros, unit);
        if (below == 0) {
            return micros;
        }
        long down = micros - below;
        if (below * 2 < unit) {
            return down;
        }
        if (time) {
            // Rounding up to midnight would leave the day: take the day's last instant (H2's rule).
            return Math.min(down + unit, MICROS_PER_DAY - unit);
        }
        if (down > Long.MAX_VALUE - unit) {
            throw target.fail(ErrorCode.NUMERIC_OUT_OF_RANGE, "value out of range", value);
        }
        return down + unit;
    }

    /** Microseconds in one unit of the last fractional digit kept at {@code precision}. */
    private static long unit(int precision) {
        long unit = 1;
        for (int i = precision; i < MICRO_DIGITS; i++) {
            unit *= 10;
        }
        return unit;
    }
}
