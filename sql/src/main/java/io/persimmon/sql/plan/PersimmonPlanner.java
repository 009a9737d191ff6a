package io.persimmon.sql.plan;

import io.persimmon.sql.PersimmonErrors;
import io.persimmon.sql.api.ColumnInfo;
import io.persimmon.sql.api.ParameterInfo;
import io.persimmon.sql.parser.PersimmonParserConfig;
import io.persimmon.sql.parser.SqlSelectForUpdate;
import io.persimmon.sql.rel.PersimmonOrderShuttle;
import io.persimmon.sql.rel.PersimmonProjectionShuttle;
import io.persimmon.sql.rel.PersimmonRules;
import io.persimmon.sql.rel.PersimmonValuesShuttle;
import io.persimmon.sql.schema.PersimmonSchema;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableInterpretable;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.interpreter.Bindables;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.Contexts;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.ConvertToChecked;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;
import org.apache.calcite.tools.Programs;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns SQL text into a {@link PersimmonPlan}: parse (Persimmon's grammar), validate, convert to
 * relational algebra, optimize with Calcite's rules and Persimmon's ({@link PersimmonRules}) into
 * the Enumerable convention, and compile with Janino. Stateless: one instance serves every session.
 */
public final class PersimmonPlanner {
    private static final CalciteConnectionConfig CONNECTION_CONFIG;

    static {
        Properties p = new Properties();
        p.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "true");
        p.setProperty(CalciteConnectionProperty.DEFAULT_NULL_COLLATION.camelName(), NullCollation.LOW.name());
        CONNECTION_CONFIG = new CalciteConnectionConfigImpl(p);
    }

    private final JavaTypeFactory typeFactory;
    private final AtomicLong compiles = new AtomicLong();

    public PersimmonPlanner(JavaTypeFactory typeFactory) {
        this.typeFactory = typeFactory;
    }

    /** Plans compiled to code so far (Calcite optimizations and Janino compiles). */
    public long compiles() {
        return compiles.get();
    }

    /** {@code sql} parsed, or null if it does not parse (planning it as written then reports the error). */
    public SqlNode parseOrNull(String sql) {
        try {
            return PersimmonParserConfig.parse(sql);
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * {@code node}, the parse of {@code sql}, with its literals turned into parameters
     * ({@link PersimmonLiterals}; it is changed in place), or null when it is DDL or EXPLAIN, has
     * parameters already or has no literal to take.
     */
    public PersimmonLiterals.Parameterized parameterize(String sql, SqlNode node) {
        if (node == null || node instanceof SqlDdl || node instanceof SqlExplain || sql.indexOf('?') >= 0) {
            return null;
        }
        try {
            return PersimmonLiterals.parameterize(node);
        } catch (Exception e) {
            return null; // planned as written
        }
    }

    /** The plan of a parameterized text, or an {@link PersimmonPlan.Kind#AS_WRITTEN} marker if it cannot be planned. */
    public PersimmonPlan prepareParameterized(String sql, PersimmonSchema schema) {
        try {
            return prepare(sql, schema);
        } catch (SQLException e) {
            return new PersimmonPlan(PersimmonPlan.Kind.AS_WRITTEN, schema.version(), null, Map.of(), List.of(),
                    List.of(), List.of(), List.of(), false, null, null, null, List.of());
        }
    }

    /** The literals of a parameterized statement as values of the shared plan, or null if they do not fit it. */
    public static List<Object> literalValues(PersimmonLiterals.Parameterized p, PersimmonPlan shared)
            throws SQLException {
        if (shared.kind() == PersimmonPlan.Kind.AS_WRITTEN) {
            return null;
        }
        List<Object> values = PersimmonLiterals.values(p.literals(), shared.parameterTypes());
        if (values == null) {
            return null;
        }
        List<Object> converted = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            converted.add(shared.parameterValue(i, values.get(i)));
        }
        return converted;
    }

    /**
     * The SQL text of the statement an {@code EXPLAIN PLAN FOR} statement explains, or null if
     * {@code node} is not EXPLAIN (or cannot be written back: then planning it reports the error).
     */
    public static String explained(SqlNode node) {
        try {
            return node instanceof SqlExplain e ? PersimmonParserConfig.toSql(e.getExplicandum()) : null;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * EXPLAIN of a statement whose plan is {@code runs}: the plan's text, one row per line. The
     * caller passes the plan that executing the statement would use (for a text with literals,
     * the shared plan of its parameterized form), so EXPLAIN shows what runs.
     */
    public PersimmonPlan explain(PersimmonPlan runs) {
        RelDataType varchar = typeFactory.createSqlType(SqlTypeName.VARCHAR);
        return new PersimmonPlan(PersimmonPlan.Kind.EXPLAIN, runs.schemaVersion(), null, Map.of(),
                List.of(new ColumnInfo("PLAN", "", "", "", java.sql.Types.VARCHAR, "VARCHAR", Integer.MAX_VALUE, 0,
                        ResultSetMetaData.columnNoNulls, String.class.getName())),
                List.of(varchar), runs.parameters(), runs.parameterTypes(), false, runs.explain(), null, null,
                List.of());
    }

    /** The plan of one statement under {@code schema}. */
    public PersimmonPlan prepare(String sql, PersimmonSchema schema) throws SQLException {
        try {
            return prepare(PersimmonParserConfig.parse(sql), schema);
        } catch (SQLException e) {
            throw e;
        } catch (Throwable t) {
            throw PersimmonErrors.map(t);
        }
    }

    private PersimmonPlan prepare(SqlNode node, PersimmonSchema schema) throws SQLException {
        if (node instanceof SqlDdl) {
            return new PersimmonPlan(PersimmonPlan.Kind.DDL, schema.version(), null, Map.of(), List.of(), List.of(),
                    List.of(), List.of(), false, null, node, null, List.of());
        }
        if (node instanceof SqlExplain e) {
            return explain(prepare(e.getExplicandum(), schema));
        }
        boolean forUpdate = node instanceof SqlSelectForUpdate;
        if (node instanceof SqlSelectForUpdate f) {
            node = f.getQuery();
        }
        boolean dml = node.getKind() == SqlKind.INSERT || node.getKind() == SqlKind.UPDATE
                || node.getKind() == SqlKind.DELETE;
        if (!dml && !node.getKind().belongsTo(SqlKind.QUERY)) {
            throw PersimmonErrors.unsupported("the statement " + node.getKind());
        }
        CalciteCatalogReader reader = new CalciteCatalogReader(CalciteSchema.from(schema.root()),
                List.of(PersimmonSchema.NAME), typeFactory, CONNECTION_CONFIG);
        SqlValidator validator = new PersimmonValidator(SqlStdOperatorTable.instance(), reader, typeFactory,
                SqlValidator.Config.DEFAULT.withConformance(PersimmonParserConfig.CONFORMANCE)
                        .withIdentifierExpansion(true).withDefaultNullCollation(NullCollation.LOW)
                        .withTypeCoercionFactory(PersimmonTypeCoercion::new));
        SqlNode validated = validator.validate(PersimmonCharsets.toDefault(node));
        RelDataType parameterRow = validator.getParameterRowType(validated);
        VolcanoPlanner planner = newPlanner();
        RelOptCluster cluster = RelOptCluster.create(planner, new RexBuilder(typeFactory));
        SqlToRelConverter converter = new PersimmonSqlToRelConverter((rowType, query, schemaPath, viewPath) -> {
            throw new UnsupportedOperationException("views");
        }, validator, reader, cluster, StandardConvertletTable.INSTANCE,
                SqlToRelConverter.config().withTrimUnusedFields(true).withExpand(false));
        RelRoot root = converter.convertQuery(validated, false, true);
        // Integer +, -, * and unary - that overflow their type fail (22003), as in the standard,
        // PostgreSQL and H2, instead of wrapping around as Java's int and long arithmetic does.
        root = root.withRel(new ConvertToChecked(cluster.getRexBuilder(), true).visit(root.rel));
        root = root.withRel(root.rel.accept(new PersimmonCharComparisons(cluster.getRexBuilder())));
        RelNode logical = PersimmonValuesShuttle.beforeSearch(root.project());
        RelTraitSet desired = logical.getTraitSet().replace(EnumerableConvention.INSTANCE).simplify();
        // a statement that is a VALUES as data (VALUES (1 + 1), the DEFAULT of ALTER TABLE ADD COLUMN) has nothing
        // left to plan, and Calcite's program would register the root twice (an AssertionError under -ea)
        RelNode best = logical.getConvention() == EnumerableConvention.INSTANCE && logical.getTraitSet().equals(desired)
                ? logical : Programs.standard().run(planner, logical, desired, List.of(), List.of());
        best = best.accept(new PersimmonOrderShuttle());
        best = best.accept(new PersimmonProjectionShuttle());
        best = PersimmonValuesShuttle.afterSearch(best);
        List<RelDataType> parameterTypes = parameterRow.getFieldList().stream().map(RelDataTypeField::getType).toList();
        List<ParameterInfo> parameters = parameterTypes.stream().map(PersimmonPlanner::parameterInfo).toList();
        String text = RelOptUtil.toString(best, SqlExplainLevel.EXPPLAN_ATTRIBUTES);
        compiles.incrementAndGet();
        Map<String, Object> stashed = new HashMap<>();
        Bindable<?> bindable = EnumerableInterpretable.toBindable(stashed, null, (EnumerableRel) best,
                EnumerableRel.Prefer.ARRAY);
        List<ColumnInfo> columns = new ArrayList<>();
        List<RelDataType> columnTypes = new ArrayList<>();
        if (!dml) {
            List<List<String>> origins = validator.getFieldOrigins(validated);
            List<RelDataTypeField> fields = root.validatedRowType.getFieldList();
            for (int i = 0; i < fields.size(); i++) {
                List<String> origin = origins == null || i >= origins.size() ? null : origins.get(i);
                columns.add(columnInfo(fields.get(i), origin));
                columnTypes.add(fields.get(i).getType());
            }
        }
        return new PersimmonPlan(dml ? PersimmonPlan.Kind.DML : PersimmonPlan.Kind.QUERY, schema.version(), bindable,
                Map.copyOf(stashed), List.copyOf(columns), List.copyOf(columnTypes), parameters, parameterTypes,
                forUpdate, text, null, null, PersimmonCharParameters.lengths(validator, validated, parameterTypes.size()));
    }

    private static VolcanoPlanner newPlanner() {
        VolcanoPlanner planner = new VolcanoPlanner(null, Contexts.of(CONNECTION_CONFIG));
        planner.addRelTraitDef(ConventionTraitDef.INSTANCE);
        planner.addRelTraitDef(RelCollationTraitDef.INSTANCE);
        RelOptUtil.registerDefaultRules(planner, false, false);
        planner.removeRule(EnumerableRules.TO_INTERPRETER);
        planner.removeRule(Bindables.BINDABLE_TABLE_SCAN_RULE);
        planner.removeRule(CoreRules.PROJECT_TABLE_SCAN);
        planner.removeRule(CoreRules.PROJECT_INTERPRETER_TABLE_SCAN);
        planner.removeRule(EnumerableRules.ENUMERABLE_TABLE_MODIFICATION_RULE);
        PersimmonRules.ALL.forEach(planner::addRule);
        return planner;
    }

    private static ColumnInfo columnInfo(RelDataTypeField field, List<String> origin) {
        RelDataType t = field.getType();
        String column = origin == null ? "" : origin.get(origin.size() - 1);
        String table = origin == null || origin.size() < 2 ? "" : origin.get(origin.size() - 2);
        String schema = origin == null || origin.size() < 3 ? "" : origin.get(origin.size() - 3);
        return new ColumnInfo(field.getName(), column, table, schema, t.getSqlTypeName().getJdbcOrdinal(),
                t.getSqlTypeName().getName(), Math.max(t.getPrecision(), 0), Math.max(t.getScale(), 0),
                t.isNullable() ? ResultSetMetaData.columnNullable : ResultSetMetaData.columnNoNulls,
                javaClass(t.getSqlTypeName()));
    }

    private static ParameterInfo parameterInfo(RelDataType t) {
        return new ParameterInfo(t.getSqlTypeName().getJdbcOrdinal(), t.getSqlTypeName().getName(),
                Math.max(t.getPrecision(), 0), Math.max(t.getScale(), 0), javaClass(t.getSqlTypeName()));
    }

    /** The API's Java class for values of a type (package io.persimmon.sql.api). */
    static String javaClass(SqlTypeName t) {
        return switch (t) {
            case BOOLEAN -> Boolean.class.getName();
            case TINYINT, SMALLINT -> Short.class.getName();
            case INTEGER -> Integer.class.getName();
            case BIGINT -> Long.class.getName();
            case DECIMAL -> java.math.BigDecimal.class.getName();
            case REAL -> Float.class.getName();
            case FLOAT, DOUBLE -> Double.class.getName();
            case CHAR, VARCHAR -> String.class.getName();
            case BINARY, VARBINARY -> byte[].class.getName();
            case DATE -> java.time.LocalDate.class.getName();
            case TIME -> java.time.LocalTime.class.getName();
            case TIMESTAMP -> java.time.LocalDateTime.class.getName();
            default -> Object.class.getName();
        };
    }
}
