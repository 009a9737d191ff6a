package io.persimmon.sql.session;

import io.persimmon.engine.db.Database;
import io.persimmon.sql.PersimmonErrors;
import io.persimmon.sql.api.Session;
import io.persimmon.sql.api.SqlDatabase;
import io.persimmon.sql.plan.PersimmonLiteralShapes;
import io.persimmon.sql.plan.PersimmonLiterals;
import io.persimmon.sql.plan.PersimmonPlan;
import io.persimmon.sql.plan.PersimmonPlanCache;
import io.persimmon.sql.plan.PersimmonPlanner;
import io.persimmon.sql.schema.PersimmonSchema;

import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.sql.SqlNode;
import io.persimmon.sql.schema.PersimmonTypeFactory;

import java.sql.SQLException;
import java.util.List;

/**
 * SQL over one engine database: the current schema version, the planner and the plan cache,
 * shared by every {@link PersimmonSession}.
 */
public final class PersimmonSqlDatabase implements SqlDatabase {
    /** Plans kept before the cache starts over. */
    public static final int PLAN_CACHE_CAPACITY = 2048;

    private final Database database;
    private final JavaTypeFactory typeFactory = new PersimmonTypeFactory();
    private final PersimmonPlanner planner = new PersimmonPlanner(typeFactory);
    private final PersimmonPlanCache cache = new PersimmonPlanCache(PLAN_CACHE_CAPACITY);
    private final PersimmonLiteralShapes shapes = new PersimmonLiteralShapes(PLAN_CACHE_CAPACITY);
    private volatile PersimmonSchema schema;
    private volatile boolean closed;

    public PersimmonSqlDatabase(Database database) {
        this.database = database;
        this.schema = PersimmonSchema.snapshot(database, 1);
    }

    @Override
    public Session openSession() throws SQLException {
        checkOpen();
        return new PersimmonSession(this);
    }

    @Override
    public Database database() {
        return database;
    }

    /** The plan cache (tests count its compiles). */
    public PersimmonPlanCache planCache() {
        return cache;
    }

    JavaTypeFactory typeFactory() {
        return typeFactory;
    }

    PersimmonSchema schema() {
        return schema;
    }

    /** Plans compiled to code so far (cache misses that were not served by a parameterized plan). */
    public long compiles() {
        return planner.compiles();
    }

    /**
     * The plan of {@code sql} under the current schema: from the cache, or made and cached. A text
     * with literals uses the plan of its parameterized form when the literals fit its parameters;
     * that form is found by the text's shape when a text of the same shape was parsed before
     * ({@link PersimmonLiteralShapes}), otherwise by parsing. EXPLAIN shows the plan that executing
     * the statement it explains would use, found the same way.
     */
    PersimmonPlan plan(String sql) throws SQLException {
        checkOpen();
        PersimmonSchema s = schema;
        PersimmonPlan cached = cache.find(sql, s.version());
        if (cached != null) {
            return cached;
        }
        PersimmonLiterals.Parameterized shaped = shapes.match(sql);
        if (shaped != null) {
            PersimmonPlan bound = bindShared(shaped, s);
            if (bound != null) {
                return bound; // not cached under its own text: its shape finds it again
            }
        }
        return cache.get(sql, s.version(), () -> {
            SqlNode node = planner.parseOrNull(sql);
            String explained = PersimmonPlanner.explained(node);
            if (explained != null) {
                return planner.explain(plan(explained)); // the plan that executing the statement uses
            }
            PersimmonLiterals.Parameterized p = planner.parameterize(sql, node);
            if (p != null) {
                shapes.learn(sql, p);
                PersimmonPlan bound = bindShared(p, s);
                if (bound != null) {
                    return bound;
                }
            }
            return planner.prepare(sql, s); // parses again: parameterizing changed the tree
        });
    }

    /** The shared plan of a parameterized text bound to its literals, or null if they do not fit its parameters. */
    private PersimmonPlan bindShared(PersimmonLiterals.Parameterized p, PersimmonSchema s) throws SQLException {
        PersimmonPlan shared = cache.get(p.sql(), s.version(), () -> planner.prepareParameterized(p.sql(), s));
        List<Object> values = PersimmonPlanner.literalValues(p, shared);
        return values == null ? null : shared.bind(values);
    }

    /** A new schema version after DDL: plans of older versions are dropped. */
    synchronized void schemaChanged() {
        PersimmonSchema next = PersimmonSchema.snapshot(database, schema.version() + 1);
        schema = next;
        cache.retain(next.version());
    }

    void checkOpen() throws SQLException {
        if (closed) {
            throw PersimmonErrors.of("08003", "the database is closed");
        }
    }

    @Override
    public void close() throws SQLException {
        if (!closed) {
            closed = true;
            try {
                database.close();
            } catch (RuntimeException e) {
                throw PersimmonErrors.map(e);
            }
        }
    }
}
