package io.persimmon.jdbc;

import java.sql.SQLException;
import java.sql.Wrapper;

/** {@link Wrapper} for the driver's objects: each unwraps to itself and to what it implements. */
interface JdbcWrapper extends Wrapper {
    @Override
    default <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface != null && iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException(getClass().getSimpleName() + " does not wrap a " + iface, "HY000");
    }

    @Override
    default boolean isWrapperFor(Class<?> iface) {
        return iface != null && iface.isInstance(this);
    }
}
