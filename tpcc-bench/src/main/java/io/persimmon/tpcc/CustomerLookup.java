package io.persimmon.tpcc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Selecting a customer by last name, shared by Payment and Order-Status (clauses 2.5.2.2 and 2.6.2.2):
 * all customers of the district with that last name, sorted by C_FIRST, and the one at position
 * ceil(n / 2) is chosen. Uses the CUSTOMER_NAME index.
 */
final class CustomerLookup {

    private final PreparedStatement byLastName;

    CustomerLookup(Connection connection) throws SQLException {
        byLastName = connection.prepareStatement(
                "SELECT C_ID FROM CUSTOMER WHERE C_W_ID = ? AND C_D_ID = ? AND C_LAST = ? ORDER BY C_FIRST");
    }

    /** The C_ID of the middle customer with {@code lastName}. */
    int byLastName(int warehouseId, int districtId, String lastName) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        byLastName.setInt(1, warehouseId);
        byLastName.setInt(2, districtId);
        byLastName.setString(3, lastName);
        try (ResultSet rows = byLastName.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getInt(1));
            }
        }
        if (ids.isEmpty()) {
            throw new SQLException("TPC-C row not found: no customer named " + lastName + " in district "
                    + warehouseId + "/" + districtId);
        }
        return ids.get(middle(ids.size()));
    }

    /** The 0-based index of position ceil(n / 2). */
    static int middle(int n) {
        return (n + 1) / 2 - 1;
    }
}
