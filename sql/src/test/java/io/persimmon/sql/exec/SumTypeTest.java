package io.persimmon.sql.exec;

import io.persimmon.sql.SqlTestSupport;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** SUM widens as in H2 and PostgreSQL: a SMALLINT column's sum past 32,767 is a BIGINT, not an overflow. */
class SumTypeTest extends SqlTestSupport {
    @Test
    void shouldSumSmallintsPastTheirRangeAsBigint() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, s SMALLINT, d DECIMAL(4,2))");
        for (int i = 0; i < 5; i++) {
            exec("INSERT INTO t VALUES (?, 30000, 99.99)", i);
        }
        List<List<Object>> rows = query(session, "SELECT SUM(s), SUM(d) FROM t");
        assertEquals(150_000L, rows.get(0).get(0));
        assertEquals(new BigDecimal("499.95"), rows.get(0).get(1));
    }
}
