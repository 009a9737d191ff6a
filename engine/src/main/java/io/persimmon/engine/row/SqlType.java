package io.persimmon.engine.row;

/**
 * The SQL types the engine stores. Each has exactly one Java representation, {@link #javaClass()},
 * described in {@link Values}; the SQL layer converts to and from it.
 */
public enum SqlType {
    /** {@code BOOLEAN}: a {@link Boolean}; false orders before true. */
    BOOLEAN(Boolean.class, Parameters.NONE),
    /** {@code SMALLINT}: a {@link Short}. */
    SMALLINT(Short.class, Parameters.NONE),
    /** {@code INTEGER}: an {@link Integer}. */
    INTEGER(Integer.class, Parameters.NONE),
    /** {@code BIGINT}: a {@link Long}. */
    BIGINT(Long.class, Parameters.NONE),
    /** {@code DECIMAL(p, s)}: a {@link java.math.BigDecimal} whose scale is the column's scale. */
    DECIMAL(java.math.BigDecimal.class, Parameters.PRECISION_AND_SCALE),
    /** {@code REAL}: a {@link Float} (IEEE 754 single precision, NaN and infinities allowed). */
    REAL(Float.class, Parameters.NONE),
    /** {@code DOUBLE}: a {@link Double} (IEEE 754 double precision, NaN and infinities allowed). */
    DOUBLE(Double.class, Parameters.NONE),
    /** {@code CHAR(n)}: a {@link String} of exactly n characters, padded with spaces. */
    CHAR(String.class, Parameters.LENGTH),
    /** {@code VARCHAR(n)}: a {@link String} of at most n characters. */
    VARCHAR(String.class, Parameters.LENGTH),
    /** {@code VARBINARY(n)}: a {@code byte[]} of at most n bytes. */
    VARBINARY(byte[].class, Parameters.LENGTH),
    /** {@code DATE}: an {@link Integer}, days since 1970-01-01 (proleptic Gregorian). */
    DATE(Integer.class, Parameters.NONE),
    /** {@code TIME(p)}: a {@link Long}, microseconds since midnight, in [0, 86 400 000 000). */
    TIME(Long.class, Parameters.FRACTIONAL_SECONDS),
    /** {@code TIMESTAMP(p)}: a {@link Long}, microseconds since 1970-01-01T00:00, no time zone. */
    TIMESTAMP(Long.class, Parameters.FRACTIONAL_SECONDS);

    /** Which parameters a type takes in its declaration. */
    enum Parameters {
        /** None: {@code INTEGER}. */
        NONE,
        /** A maximum length: {@code VARCHAR(n)}. */
        LENGTH,
        /** Precision and scale: {@code DECIMAL(p, s)}. */
        PRECISION_AND_SCALE,
        /** Digits of fractional seconds: {@code TIMESTAMP(p)}. */
        FRACTIONAL_SECONDS
    }

    private final Class<?> javaClass;
    private final Parameters parameters;

    SqlType(Class<?> javaClass, Parameters parameters) {
        this.javaClass = javaClass;
        this.parameters = parameters;
    }

    /** The Java class of a stored value of this type. */
    public Class<?> javaClass() {
        return javaClass;
    }

    Parameters parameters() {
        return parameters;
    }
}
