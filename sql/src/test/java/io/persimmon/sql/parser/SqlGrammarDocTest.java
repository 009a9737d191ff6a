package io.persimmon.sql.parser;

import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keeps docs/sql-grammar.md true: its examples parse and its reserved-word list is exact. */
class SqlGrammarDocTest {

  private static String doc() throws IOException {
    final Path path = Path.of(System.getProperty("basedir", "."))
        .resolve("../docs/sql-grammar.md").normalize();
    assertTrue(Files.exists(path), "missing " + path);
    return Files.readString(path);
  }

  @Test void shouldParseEveryExampleInTheGrammarDoc() throws IOException {
    final Matcher m = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL).matcher(doc());
    final List<String> examples = new ArrayList<>();
    while (m.find()) {
      examples.add(m.group(1).trim());
    }
    assertTrue(examples.size() >= 10, "examples found: " + examples.size());
    for (String sql : examples) {
      ParserTestSupport.assertRoundTrip(ParserTestSupport.parse(sql));
    }
  }

  @Test void shouldListExactlyTheReservedWordsInTheGrammarDoc() throws IOException {
    final Matcher m = Pattern.compile(
        "<!-- reserved-words:start -->\\s*```\\n(.*?)```\\s*<!-- reserved-words:end -->",
        Pattern.DOTALL).matcher(doc());
    assertTrue(m.find(), "reserved-words block");
    final TreeSet<String> documented =
        new TreeSet<>(Arrays.asList(m.group(1).trim().split("\\s+")));
    final SqlAbstractParserImpl.Metadata metadata =
        SqlParser.create("", PersimmonParserConfig.CONFIG).getMetadata();
    final TreeSet<String> reserved = new TreeSet<>();
    for (String token : metadata.getTokens()) {
      if (metadata.isReservedWord(token)) {
        reserved.add(token);
      }
    }
    assertEquals(reserved, documented);
  }
}
