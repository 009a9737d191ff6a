package io.persimmon.tools;

import io.persimmon.tpcc.Dialect;
import io.persimmon.tpcc.NURand;
import io.persimmon.tpcc.NewOrder;
import io.persimmon.tpcc.TerminalContext;
import io.persimmon.tpcc.TpccTransaction.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.*;

/** The TPC-C torture verifier reports what it must: lost commits, rolled-back work found, broken sums. */
class TpccTortureVerifierTest {
    @TempDir
    Path dir;

    private static TpccTortureLedger ledger(String... lines) {
        TpccTortureLedger ledger = new TpccTortureLedger();
        for (String line : lines) {
            assertTrue(ledger.accept(line, 1), line);
        }
        return ledger;
    }

    @Test
    void shouldFindCommitsLossesRolledBackWorkAndBrokenSums() throws Exception {
        try (Connection c = DriverManager.getConnection(TpccTortureWorkload.url(dir.resolve("v.pool")))) {
            TpccTortureData.load(c, 3);
            TpccTortureVerifier.Result clean = TpccTortureVerifier.verify(c, ledger(), 1);
            assertEquals(0, clean.anomalies().size(), clean.anomalies().toString());

            c.setAutoCommit(false);
            NewOrder newOrder = new NewOrder(c, Dialect.STANDARD, new TerminalContext(1, 1, 1, new NURand(0, 0, 0)));
            assertEquals(Outcome.COMMITTED, newOrder.execute(new NewOrder.Input(1, 4, 7, new int[] {1, 2, 3, 4, 5},
                    new int[] {1, 1, 1, 1, 1}, new int[] {1, 2, 3, 4, 5})));
            int order = newOrder.lastOrderId();
            assertEquals(TpccTortureData.ORDERS + 1, order);

            TpccTortureVerifier.Result committed = TpccTortureVerifier.verify(c, ledger("S 1 NO 4 7 5", "C 1 NO " + order), 1);
            assertEquals(1, committed.verified());
            assertEquals(0, committed.anomalies().size(), committed.anomalies().toString());

            TpccTortureVerifier.Result inFlight = TpccTortureVerifier.verify(c, ledger("S 1 NO 4 7 5"), 1);
            assertEquals(1, inFlight.inFlightCommitted());
            assertEquals(0, inFlight.anomalies().size(), inFlight.anomalies().toString());

            TpccTortureVerifier.Result rolledBack = TpccTortureVerifier.verify(c, ledger("S 1 NO 4 7 5", "R 1 NO " + order), 1);
            assertTrue(rolledBack.anomalies().toString().contains("rolled-back New-Order 1"), rolledBack.anomalies().toString());

            TpccTortureVerifier.Result lost = TpccTortureVerifier.verify(c, ledger("S 1 NO 4 7 5", "C 1 NO " + order,
                    "S 2 NO 2 3 9", "C 2 NO 31", "S 3 PAY 5 5 1234", "C 3 PAY", "S 4 DEL 3", "C 4 DEL 21,-1,-1,-1,-1,-1,-1,-1,-1,-1"), 1);
            assertEquals(3, lost.lost(), lost.losses().toString());
            assertEquals(1, lost.verified());

            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE STOCK SET S_ORDER_CNT = S_ORDER_CNT + 1 WHERE S_W_ID = 1 AND S_I_ID = 1");
                s.executeUpdate("UPDATE CUSTOMER SET C_BALANCE = C_BALANCE + 1 WHERE C_W_ID = 1 AND C_D_ID = 1 AND C_ID = 1");
                c.commit();
            }
            TpccTortureVerifier.Result broken = TpccTortureVerifier.verify(c, ledger("S 1 NO 4 7 5", "C 1 NO " + order), 1);
            assertEquals(2, broken.anomalies().size(), broken.anomalies().toString());
            assertTrue(broken.anomalies().get(0).startsWith("STOCK says"), broken.anomalies().toString());
            assertTrue(broken.anomalies().get(1).startsWith("customer 1/1: C_BALANCE"), broken.anomalies().toString());
        }
    }
}
