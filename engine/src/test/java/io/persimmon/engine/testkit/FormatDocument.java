package io.persimmon.engine.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads docs/format.md for the tests that tie it to the code: its sections and its xxd worked examples. */
public final class FormatDocument {
    private static final Path FORMAT_MD = Path.of("..", "docs", "format.md");
    /** An xxd line of any length (a dump may end with a short line). */
    public static final Pattern XXD_LINE = Pattern.compile("([0-9a-f]{8}): ((?:[0-9a-f]{2,4} ?)+?) {2,}(.{1,16})");
    /** An xxd line of exactly 16 bytes. */
    public static final Pattern FULL_XXD_LINE = Pattern.compile("([0-9a-f]{8}): ((?:[0-9a-f]{4} ){7}[0-9a-f]{4})  (.{1,16})");

    private FormatDocument() {}

    /** The lines under {@code heading} (exactly as written), up to the next heading of any level. */
    public static List<String> section(String heading) throws IOException {
        List<String> lines = Files.readAllLines(FORMAT_MD);
        int start = lines.indexOf(heading);
        assertTrue(start >= 0, "docs/format.md has no heading '" + heading + "'");
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("#")) {
            end++;
        }
        return lines.subList(start + 1, end);
    }

    /** The bytes of the first xxd dump under {@code heading}, each line matching {@code lines}, offsets and ASCII column checked. */
    public static byte[] xxdDump(String heading, Pattern lines) throws IOException {
        List<String> section = section(heading);
        int fence = section.indexOf("```");
        assertTrue(fence >= 0, "no code block under '" + heading + "'");
        ByteBuffer bytes = ByteBuffer.allocate(4096);
        for (String line : section.subList(fence + 1, section.size())) {
            if (line.equals("```")) {
                break;
            }
            Matcher m = lines.matcher(line);
            assertTrue(m.matches(), "not an xxd line: " + line);
            assertEquals(bytes.position(), Integer.parseInt(m.group(1), 16), line);
            byte[] row = HexFormat.of().parseHex(m.group(2).replace(" ", ""));
            StringBuilder text = new StringBuilder();
            for (byte b : row) {
                text.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
            }
            assertEquals(text.toString(), m.group(3), "ASCII column of " + line);
            bytes.put(row);
        }
        return Arrays.copyOf(bytes.array(), bytes.position());
    }
}
