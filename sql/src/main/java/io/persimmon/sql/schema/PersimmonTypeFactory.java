package io.persimmon.sql.schema;

import org.apache.calcite.jdbc.JavaTypeFactoryImpl;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Calcite's Java type factory with {@link PersimmonTypeSystem} and UTF-8 as the character set of
 * strings. Calcite's default is ISO-8859-1, under which a literal such as {@code 'é日'} that stays
 * a literal (in an expression the plan cache does not turn into a parameter) failed to encode.
 */
public final class PersimmonTypeFactory extends JavaTypeFactoryImpl {
    public PersimmonTypeFactory() {
        super(PersimmonTypeSystem.INSTANCE);
    }

    @Override
    public Charset getDefaultCharset() {
        return StandardCharsets.UTF_8;
    }
}
