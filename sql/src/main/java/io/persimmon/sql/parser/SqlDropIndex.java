package io.persimmon.sql.parser;

import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/** {@code DROP INDEX [IF EXISTS] name}; index names are unique within a schema. */
public final class SqlDropIndex extends SqlDrop {

  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("DROP INDEX", SqlKind.DROP_INDEX);

  private final SqlIdentifier name;

  /** Creates the node. */
  public SqlDropIndex(SqlParserPos pos, boolean ifExists, SqlIdentifier name) {
    super(OPERATOR, pos, ifExists);
    this.name = name;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of(name);
  }

  /** The index's name, possibly qualified. */
  public SqlIdentifier getName() {
    return name;
  }

  /** Whether IF EXISTS was written. */
  public boolean isIfExists() {
    return ifExists;
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("DROP INDEX");
    if (ifExists) {
      writer.keyword("IF EXISTS");
    }
    name.unparse(writer, 0, 0);
  }
}
