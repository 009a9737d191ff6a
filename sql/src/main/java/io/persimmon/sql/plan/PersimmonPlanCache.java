package io.persimmon.sql.plan;

import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plans shared by every session, keyed by SQL text and schema version: a text prepared before,
 * under the same schema, is a map lookup rather than a parse, validation, optimization and Janino
 * compile (milliseconds). DDL makes a new schema version, under which old plans are no longer
 * found; {@link #retain} drops them. When full, the cache drops the texts with literals bound to
 * a shared plan, and if that is not enough empties itself (plans are cheap to rebuild compared
 * with the bookkeeping an LRU would add to every lookup).
 */
public final class PersimmonPlanCache {
    /** Builds a plan on a miss. */
    public interface Compiler {
        PersimmonPlan compile() throws SQLException;
    }

    private record Key(String sql, long schemaVersion) {}

    private final ConcurrentHashMap<Key, PersimmonPlan> plans = new ConcurrentHashMap<>();
    private final int capacity;
    private final AtomicLong compiles = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();

    public PersimmonPlanCache(int capacity) {
        this.capacity = capacity;
    }

    /** The plan of {@code sql} under schema {@code version} if it is cached, else null. */
    public PersimmonPlan find(String sql, long version) {
        PersimmonPlan plan = plans.get(new Key(sql, version));
        if (plan != null) {
            hits.incrementAndGet();
        }
        return plan;
    }

    /** The plan of {@code sql} under schema {@code version}, compiled by {@code compiler} if not cached. */
    public PersimmonPlan get(String sql, long version, Compiler compiler) throws SQLException {
        PersimmonPlan plan = find(sql, version);
        if (plan != null) {
            return plan;
        }
        plan = compiler.compile();
        compiles.incrementAndGet();
        if (plans.size() >= capacity) {
            // Texts with literals bound to a shared plan go first: they are the many, and cost a
            // parse to make again, where a compiled plan costs milliseconds.
            plans.values().removeIf(p -> p.bound() != null);
            if (plans.size() >= capacity) {
                plans.clear();
            }
        }
        PersimmonPlan raced = plans.putIfAbsent(new Key(sql, version), plan);
        return raced != null ? raced : plan;
    }

    /** Drops plans of schema versions before {@code version}. */
    public void retain(long version) {
        plans.keySet().removeIf(k -> k.schemaVersion() < version);
    }

    /** Plans compiled so far (cache misses). */
    public long compiles() {
        return compiles.get();
    }

    /** Lookups that found a plan. */
    public long hits() {
        return hits.get();
    }

    public int size() {
        return plans.size();
    }
}
