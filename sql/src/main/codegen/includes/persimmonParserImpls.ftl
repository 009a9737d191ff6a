<#--
  Persimmon's additions to Calcite's SQL grammar (included into Parser.jj by FMPP).
  The statements are listed in config.fmpp and described in docs/sql-grammar.md; the nodes
  they build are in io.persimmon.sql.parser.
-->

/** Parses "IF NOT EXISTS" and returns true, or nothing and returns false. */
boolean PersimmonIfNotExistsOpt() :
{
}
{
    LOOKAHEAD(3) <IF> <NOT> <EXISTS> { return true; }
|
    { return false; }
}

/** Parses "IF EXISTS" and returns true, or nothing and returns false. */
boolean PersimmonIfExistsOpt() :
{
}
{
    LOOKAHEAD(2) <IF> <EXISTS> { return true; }
|
    { return false; }
}

/**
 * Parses a query, optionally followed by FOR UPDATE (a locking read).
 * Listed in statementParserMethods, so it is tried before Calcite's own query rule; without
 * FOR UPDATE it returns exactly what that rule would.
 */
SqlNode PersimmonQueryOrLockingRead() :
{
    final SqlNode query;
    final Span s;
}
{
    query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    (
        <FOR> { s = span(); } <UPDATE> {
            return SqlSelectForUpdate.create(s.end(this), query);
        }
    |
        { return query; }
    )
}

/**
 * CREATE TABLE [IF NOT EXISTS] name ( element [, element]... )
 * CREATE TABLE [IF NOT EXISTS] name [ ( column [, column]... ) ] AS query
 */
SqlCreate PersimmonCreateTable(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    SqlNodeList elements = null;
    SqlNode query = null;
}
{
    <TABLE> ifNotExists = PersimmonIfNotExistsOpt() name = CompoundIdentifier()
    (
        elements = PersimmonTableElementList()
        [ <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY) ]
    |
        <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    )
    {
        return (SqlCreate) PersimmonParserSupport.createTable(s.end(this), replace,
            ifNotExists, name, elements, query);
    }
}

/** Parses the parenthesized elements of CREATE TABLE. */
SqlNodeList PersimmonTableElementList() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
}
{
    <LPAREN> { s = span(); }
    PersimmonTableElement(list)
    ( <COMMA> PersimmonTableElement(list) )*
    <RPAREN> {
        return new SqlNodeList(list, s.end(this));
    }
}

/**
 * Parses a table constraint, a column definition, or a bare column name (valid only in
 * CREATE TABLE ... AS, which PersimmonParserSupport.createTable checks).
 */
void PersimmonTableElement(List<SqlNode> list) :
{
    final SqlIdentifier id;
    final SqlNode e;
}
{
    (
        e = PersimmonTableConstraint()
    |
        id = SimpleIdentifier()
        (
            e = PersimmonColumnDefinitionRest(id)
        |
            { e = id; }
        )
    )
    { list.add(e); }
}

/** Parses "name type [attribute]...". */
SqlColumnDefinition PersimmonColumnDefinition() :
{
    final SqlIdentifier id;
    final SqlColumnDefinition column;
}
{
    id = SimpleIdentifier() column = PersimmonColumnDefinitionRest(id) {
        return column;
    }
}

/** Parses the type and attributes of a column definition whose name has been read. */
SqlColumnDefinition PersimmonColumnDefinitionRest(SqlIdentifier id) :
{
    final SqlDataTypeSpec type;
    final SqlColumnDefinition.Builder b;
}
{
    type = DataType() { b = new SqlColumnDefinition.Builder(id, type); }
    ( PersimmonColumnAttribute(b) )*
    {
        return b.build(Span.of(id).end(this));
    }
}

/**
 * Parses one of: [CONSTRAINT name] NOT NULL, NULL, DEFAULT expression,
 * [CONSTRAINT name] PRIMARY KEY, [CONSTRAINT name] UNIQUE,
 * [CONSTRAINT name] REFERENCES table [ ( column ) ].
 */
void PersimmonColumnAttribute(SqlColumnDefinition.Builder b) :
{
    Span s = null;
    SqlIdentifier constraintName = null;
    final SqlNode e;
}
{
    (
        <CONSTRAINT> { s = span(); } constraintName = SimpleIdentifier()
        (
            <NOT> <NULL> { b.nullable(s.end(this), false, constraintName); }
        |
            PersimmonColumnKey(b, s, constraintName)
        )
    |
        <NOT> { s = span(); } <NULL> { b.nullable(s.end(this), false, null); }
    |
        <NULL> { b.nullable(getPos(), true, null); }
    |
        <DEFAULT_> { s = span(); }
        e = Expression(ExprContext.ACCEPT_NON_QUERY) {
            b.defaultValue(s.end(this), e);
        }
    |
        { s = Span.of(); } PersimmonColumnKey(b, s, null)
    )
}

/** Parses PRIMARY KEY, UNIQUE or REFERENCES table [ ( column ) ] inside a column definition. */
void PersimmonColumnKey(SqlColumnDefinition.Builder b, Span s, SqlIdentifier constraintName) :
{
    final SqlIdentifier table;
    SqlNodeList columns = null;
}
{
    <PRIMARY> { s.add(this); } <KEY> {
        b.constraint(s.end(this), SqlTableConstraint.ConstraintKind.PRIMARY_KEY,
            constraintName, null, null);
    }
|
    <UNIQUE> { s.add(this); } {
        b.constraint(s.end(this), SqlTableConstraint.ConstraintKind.UNIQUE,
            constraintName, null, null);
    }
|
    <REFERENCES> { s.add(this); } table = CompoundIdentifier()
    [ columns = ParenthesizedSimpleIdentifierList() ]
    {
        b.constraint(s.end(this), SqlTableConstraint.ConstraintKind.FOREIGN_KEY,
            constraintName, table, columns);
    }
}

/**
 * Parses a table constraint:
 * [CONSTRAINT name] PRIMARY KEY (columns) | UNIQUE (columns)
 *   | FOREIGN KEY (columns) REFERENCES table [ (columns) ].
 */
SqlTableConstraint PersimmonTableConstraint() :
{
    final Span s = Span.of();
    SqlIdentifier name = null;
    final SqlNodeList columns;
    SqlIdentifier table = null;
    SqlNodeList referenced = null;
    final SqlTableConstraint.ConstraintKind kind;
}
{
    [ <CONSTRAINT> { s.add(this); } name = SimpleIdentifier() ]
    (
        <PRIMARY> { s.add(this); } <KEY> { kind = SqlTableConstraint.ConstraintKind.PRIMARY_KEY; }
        columns = ParenthesizedSimpleIdentifierList()
    |
        <UNIQUE> { s.add(this); kind = SqlTableConstraint.ConstraintKind.UNIQUE; }
        columns = ParenthesizedSimpleIdentifierList()
    |
        <FOREIGN> { s.add(this); } <KEY> { kind = SqlTableConstraint.ConstraintKind.FOREIGN_KEY; }
        columns = ParenthesizedSimpleIdentifierList()
        <REFERENCES> table = CompoundIdentifier()
        [ referenced = ParenthesizedSimpleIdentifierList() ]
    )
    {
        return PersimmonParserSupport.tableConstraint(s.end(this), kind, name, columns, table,
            referenced);
    }
}

/** CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table ( column [ASC | DESC], ... ) */
SqlCreate PersimmonCreateIndex(Span s, boolean replace) :
{
    boolean unique = false;
    final boolean ifNotExists;
    final SqlIdentifier name;
    final SqlIdentifier table;
    final List<SqlNode> columns = new ArrayList<SqlNode>();
}
{
    [ <UNIQUE> { unique = true; } ]
    <INDEX> ifNotExists = PersimmonIfNotExistsOpt() name = CompoundIdentifier()
    <ON> table = CompoundIdentifier()
    <LPAREN>
    PersimmonIndexColumn(columns)
    ( <COMMA> PersimmonIndexColumn(columns) )*
    <RPAREN>
    {
        return PersimmonParserSupport.createIndex(s.end(this), replace, unique, ifNotExists,
            name, table, columns);
    }
}

/** Parses "column [ASC | DESC]" of CREATE INDEX. */
void PersimmonIndexColumn(List<SqlNode> list) :
{
    final SqlIdentifier id;
    boolean descending = false;
    boolean written = false;
}
{
    id = SimpleIdentifier()
    [
        <ASC> { written = true; }
    |
        <DESC> { written = true; descending = true; }
    ]
    {
        list.add(new SqlIndexColumn(Span.of(id).end(this), id, descending, written));
    }
}

/** DROP TABLE [IF EXISTS] name */
SqlDrop PersimmonDropTable(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier name;
}
{
    <TABLE> ifExists = PersimmonIfExistsOpt() name = CompoundIdentifier() {
        return new SqlDropTable(s.end(this), ifExists, name);
    }
}

/** DROP INDEX [IF EXISTS] name */
SqlDrop PersimmonDropIndex(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier name;
}
{
    <INDEX> ifExists = PersimmonIfExistsOpt() name = CompoundIdentifier() {
        return new SqlDropIndex(s.end(this), ifExists, name);
    }
}

/**
 * ALTER TABLE name ADD [COLUMN] column-definition
 * Listed in statementParserMethods: Calcite's own ALTER rule only knows ALTER SYSTEM / SESSION.
 */
SqlNode PersimmonAlterTable() :
{
    final Span s;
    final SqlIdentifier table;
    final SqlColumnDefinition column;
}
{
    <ALTER> { s = span(); } <TABLE> table = CompoundIdentifier()
    <ADD> [ <COLUMN> ]
    column = PersimmonColumnDefinition() {
        return new SqlAlterTableAddColumn(s.end(this), table, column);
    }
}

