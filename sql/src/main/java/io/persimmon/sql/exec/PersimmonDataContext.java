package io.persimmon.sql.exec;

import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;

import java.util.List;
import java.util.Map;
import java.util.TimeZone;

/**
 * The {@link DataContext} of one execution: generated code reads from it the objects the plan
 * stashed ({@code v0}, {@code v1}...), the parameters ({@code ?0}, {@code ?1}...), the current time
 * (fixed for the statement, in UTC, so no result depends on the JVM's time zone) and, under
 * {@link #EXECUTION}, the {@link PersimmonExecution} with the session's transaction.
 */
public final class PersimmonDataContext implements DataContext {
    /** The name under which generated code finds the {@link PersimmonExecution}. */
    public static final String EXECUTION = "persimmon.execution";

    private final SchemaPlus rootSchema;
    private final JavaTypeFactory typeFactory;
    private final Map<String, Object> stashed;
    private final List<Object> parameters;
    private final PersimmonExecution execution;
    private final long now = System.currentTimeMillis();

    public PersimmonDataContext(SchemaPlus rootSchema, JavaTypeFactory typeFactory, Map<String, Object> stashed,
                                List<Object> parameters, PersimmonExecution execution) {
        this.rootSchema = rootSchema;
        this.typeFactory = typeFactory;
        this.stashed = stashed;
        this.parameters = parameters;
        this.execution = execution;
    }

    /** The execution of a context generated code was given. */
    public static PersimmonExecution execution(DataContext root) {
        return (PersimmonExecution) root.get(EXECUTION);
    }

    @Override
    public SchemaPlus getRootSchema() {
        return rootSchema;
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
        return typeFactory;
    }

    @Override
    public QueryProvider getQueryProvider() {
        return null;
    }

    @Override
    public Object get(String name) {
        if (name.startsWith("?")) {
            return parameters.get(Integer.parseInt(name, 1, name.length(), 10));
        }
        Object v = stashed.get(name);
        if (v != null) {
            return v;
        }
        return switch (name) {
            case EXECUTION -> execution;
            case "utcTimestamp", "currentTimestamp", "localTimestamp" -> now;
            case "timeZone" -> TimeZone.getTimeZone("UTC");
            case "cancelFlag" -> execution.cancelFlag();
            case "locale" -> java.util.Locale.ROOT;
            default -> null;
        };
    }
}
