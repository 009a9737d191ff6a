package io.persimmon.sql.api;

/** A statement parameter: its JDBC type ({@link java.sql.Types}), type name, precision and scale. */
public record ParameterInfo(int jdbcType, String typeName, int precision, int scale, String javaClassName) {}
