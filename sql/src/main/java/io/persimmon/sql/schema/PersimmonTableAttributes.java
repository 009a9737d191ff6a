package io.persimmon.sql.schema;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What the SQL layer keeps in a table's {@code attributes} text (the engine stores it unread),
 * as Java properties text:
 * <pre>
 * default.COLUMN = SQL text of the DEFAULT expression
 * fk.N = name|COL1,COL2|PARENT_TABLE|PCOL1,PCOL2
 * </pre>
 *
 * @param defaults    column name to the SQL text of its default
 * @param foreignKeys the table's foreign keys, by column names
 */
public record PersimmonTableAttributes(Map<String, String> defaults, List<ForeignKeyText> foreignKeys) {
    /** A foreign key as declared: {@code name}, child columns, parent table and its columns. */
    public record ForeignKeyText(String name, List<String> columns, String parent, List<String> parentColumns) {}

    public static final PersimmonTableAttributes EMPTY = new PersimmonTableAttributes(Map.of(), List.of());

    /** Reads attributes text (empty text: no defaults, no foreign keys). */
    public static PersimmonTableAttributes parse(String text) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> defaults = new TreeMap<>();
        Map<Integer, ForeignKeyText> fks = new TreeMap<>();
        for (String name : p.stringPropertyNames()) {
            String value = p.getProperty(name);
            if (name.startsWith("default.")) {
                defaults.put(name.substring("default.".length()), value);
            } else if (name.startsWith("fk.")) {
                String[] parts = value.split("\\|", -1);
                fks.put(Integer.parseInt(name.substring(3)), new ForeignKeyText(parts[0], List.of(parts[1].split(",")),
                        parts[2], List.of(parts[3].split(","))));
            }
        }
        return new PersimmonTableAttributes(defaults, List.copyOf(fks.values()));
    }

    /** The attributes as text for {@link io.persimmon.engine.catalog.TableDefinition#attributes()}. */
    public String format() {
        if (defaults.isEmpty() && foreignKeys.isEmpty()) {
            return "";
        }
        Properties p = new Properties();
        defaults.forEach((c, sql) -> p.setProperty("default." + c, sql));
        List<ForeignKeyText> fks = new ArrayList<>(foreignKeys);
        for (int i = 0; i < fks.size(); i++) {
            ForeignKeyText fk = fks.get(i);
            p.setProperty("fk." + i, fk.name() + "|" + String.join(",", fk.columns()) + "|" + fk.parent() + "|"
                    + String.join(",", fk.parentColumns()));
        }
        StringWriter w = new StringWriter();
        try {
            p.store(w, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString().lines().filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
    }
}
