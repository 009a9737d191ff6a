package io.persimmon.sql.api;

/**
 * A result column: its label, the column and table it comes from (empty when computed), its JDBC
 * type ({@link java.sql.Types}) and type name, precision, scale and nullability
 * ({@link java.sql.ResultSetMetaData} constants).
 */
public record ColumnInfo(String label, String columnName, String tableName, String schemaName, int jdbcType,
                         String typeName, int precision, int scale, int nullable, String javaClassName) {}
