package io.persimmon.engine.pool;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.check.CheckReport;
import io.persimmon.engine.check.PoolCheck;
import io.persimmon.engine.pmem.PersistenceMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Opening what is not a healthy pool of ours: each is refused with its own error code and a
 * message that names the problem, and a refusal never changes a byte of the file. A pool with one
 * damaged header copy is not refused: it opens from the other copy and rewrites the damaged one.
 */
class BadInputTest {
    private static final long POOL_SIZE = 1 << 20;
    private static final PoolOptions OPTIONS =
            PoolOptions.defaults().withMode(PersistenceMode.PROCESS).withInitialSize(POOL_SIZE);
    private static final PoolOptions EXISTING = OPTIONS.withCreate(false);

    @TempDir
    Path dir;

    /** A pool with two checkpoints after creation: copy 0 holds sequence 2, copy 1 sequence 3. */
    private record Built(Path file, long blockA, long blockB) {}

    private Built buildPool(String name) {
        Path file = dir.resolve(name);
        try (Pool pool = Pool.open(file, OPTIONS)) {
            long a = pool.allocator().allocate(256);
            pool.persistence().flush(a, 256);
            pool.checkpoint(Map.of(RootSlot.TEST, a));
            long b = pool.allocator().allocate(512);
            pool.persistence().flush(b, 512);
            pool.checkpoint(Map.of(RootSlot.TEST, b));
            assertEquals(3, pool.header().sequence());
            return new Built(file, a, b);
        }
    }

    // ------------------------------------------------------------------ not a pool

    @Test
    void shouldRefuseAnEmptyFile() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.pool"));
        assertRefused(file, ErrorCode.NOT_A_POOL, "is not a Persimmon pool", "it has 0 bytes, less than a pool header");
        assertEquals(0, Files.size(file));
    }

    @Test
    void shouldRefuseAPoolTruncatedToAFewBytes() throws IOException {
        Built built = buildPool("few.pool");
        truncate(built.file(), 100);
        assertRefused(built.file(), ErrorCode.NOT_A_POOL, "it has 100 bytes, less than a pool header");
    }

    @Test
    void shouldRefuseAPoolTruncatedToHalfItsSizeAsCorrupt() throws IOException {
        Built built = buildPool("half.pool");
        truncate(built.file(), POOL_SIZE / 2);
        // The header region is intact, so the open gets as far as the allocator, whose bitmap
        // describes more bytes than the file has: the open is refused (check reports it as well).
        assertRefused(built.file(), ErrorCode.CORRUPT, "pool corrupt at offset",
                "the pool file is truncated: it has 524288 bytes, its allocator describes 1048576");

        try (FileChannel channel = FileChannel.open(built.file(), StandardOpenOption.READ);
             Arena arena = Arena.ofConfined()) {
            MemorySegment mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            CheckReport report = PoolCheck.run(mapped, List.of());
            assertFalse(report.passed());
            assertEquals(List.of("header copies", "allocator bitmap"),
                    report.steps().stream().map(CheckReport.Step::name).toList());
            assertTrue(report.steps().get(0).passed(), report::toString);
            assertEquals(1, report.problems().size(), report::toString);
            assertTrue(report.problems().get(0).startsWith("allocator bitmap: pool corrupt at offset "),
                    report::toString);
            assertTrue(report.problems().get(0).endsWith(
                    "the pool file is truncated: it has 524288 bytes, its allocator describes 1048576"),
                    report::toString);
        }
    }

    @Test
    void shouldRefuseAFileOfZeros() throws IOException {
        Path file = Files.write(dir.resolve("zeros.pool"), new byte[(int) POOL_SIZE]);
        assertRefused(file, ErrorCode.NOT_A_POOL, "is not a Persimmon pool", "no pool magic in either header copy");
    }

    @Test
    void shouldRefuseRandomBytes() throws IOException {
        byte[] noise = new byte[(int) POOL_SIZE];
        new Random(20240601).nextBytes(noise);
        Path file = Files.write(dir.resolve("noise.pool"), noise);
        assertRefused(file, ErrorCode.NOT_A_POOL, "is not a Persimmon pool", "no pool magic in either header copy");
    }

    // ------------------------------------------------------------------ damaged header copies

    @ParameterizedTest(name = "byte {0} of the newest copy flipped")
    @ValueSource(ints = {HeaderLayout.MAJOR_OFFSET, HeaderLayout.PAGE_SIZE_OFFSET, HeaderLayout.SEQUENCE_OFFSET,
            HeaderLayout.ROOTS_OFFSET + 8 * 15, 200, HeaderLayout.CRC_OFFSET})
    void shouldOpenFromTheOlderCopyWhenTheNewestIsDamaged(int offsetInCopy) throws IOException {
        Built built = buildPool("one-damaged.pool");
        flipByte(built.file(), HeaderLayout.copyOffset(1) + offsetInCopy);
        assertInstanceOf(PoolHeader.Decoded.Damaged.class, readCopy(built.file(), 1));
        assertOpensFromTheOlderCopyAndRepairs(built);
    }

    /**
     * A damaged magic word is a damaged copy too: the pool was created with both copies, so a copy
     * without the magic beside a valid one is damage and must be rewritten (and reported by check).
     */
    @Test
    void shouldRewriteANewestCopyWhoseMagicIsDamaged() throws IOException {
        Built built = buildPool("magic-damaged.pool");
        flipByte(built.file(), HeaderLayout.copyOffset(1) + HeaderLayout.MAGIC_OFFSET + 3);
        assertOpensFromTheOlderCopyAndRepairs(built);
    }

    @Test
    void shouldReportACopyWithADamagedMagicInCheck() throws IOException {
        Built built = buildPool("magic-check.pool");
        flipByte(built.file(), HeaderLayout.copyOffset(1) + HeaderLayout.MAGIC_OFFSET);
        try (FileChannel channel = FileChannel.open(built.file(), StandardOpenOption.READ);
             Arena arena = Arena.ofConfined()) {
            MemorySegment mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            CheckReport.Step headers = PoolCheck.run(mapped, List.of()).steps().get(0);
            assertEquals("header copies", headers.name());
            assertEquals(1, headers.problems().size(), () -> "copy 1 lost its magic, check says: " + headers);
            assertTrue(headers.problems().get(0).startsWith("header copy 1 at offset 2048 is damaged"), headers::toString);
        }
    }

    private void assertOpensFromTheOlderCopyAndRepairs(Built built) throws IOException {
        try (Pool pool = Pool.open(built.file(), EXISTING)) {
            // Opened from copy 0 (sequence 2): its roots, not those of the damaged sequence 3.
            assertEquals(built.blockA(), pool.header().root(RootSlot.TEST));
            assertTrue(pool.allocator().isAllocated(built.blockA(), 256));
            assertFalse(pool.allocator().isAllocated(built.blockB(), 512),
                    "block B was allocated only in the damaged checkpoint 3");
            assertFalse(pool.otherCopyAtOpen() instanceof PoolHeader.Decoded.Valid);
            assertEquals(2, pool.header().sequence(), "opening writes nothing (rule R1)");
            // The first checkpoint (the engine takes one when recovery ends) rewrites the damaged copy.
            pool.checkpoint(java.util.Map.of());
            assertEquals(3, pool.header().sequence(), "the damaged copy is rewritten as sequence 2 + 1");
        }
        PoolHeader copy0 = assertInstanceOf(PoolHeader.Decoded.Valid.class, readCopy(built.file(), 0)).header();
        PoolHeader copy1 = assertInstanceOf(PoolHeader.Decoded.Valid.class, readCopy(built.file(), 1)).header();
        assertEquals(2, copy0.sequence());
        assertEquals(3, copy1.sequence());
        assertEquals(built.blockA(), copy0.root(RootSlot.TEST));
        assertEquals(built.blockA(), copy1.root(RootSlot.TEST));
        try (Pool pool = Pool.open(built.file(), EXISTING)) {
            assertEquals(3, pool.header().sequence());
            assertInstanceOf(PoolHeader.Decoded.Valid.class, pool.otherCopyAtOpen());
            assertEquals(built.blockA(), pool.header().root(RootSlot.TEST));
        }
    }

    @Test
    void shouldRefuseWhenBothCopiesAreDamaged() throws IOException {
        Built built = buildPool("both-damaged.pool");
        flipByte(built.file(), HeaderLayout.copyOffset(0) + HeaderLayout.ROOTS_OFFSET);
        flipByte(built.file(), HeaderLayout.copyOffset(1) + HeaderLayout.SEQUENCE_OFFSET);
        assertRefused(built.file(), ErrorCode.HEADER_CORRUPT, "is corrupt: both header copies are damaged",
                "copy 0: checksum", "copy 1: checksum");
    }

    // ------------------------------------------------------------------ format versions

    @ParameterizedTest(name = "format {0}.{1}")
    @CsvSource({"3, 0", "2, 3"})
    void shouldRefuseANewerFormat(int major, int minor) throws IOException {
        Built built = buildPool("newer.pool");
        rewriteFormat(built.file(), major, minor);
        assertRefused(built.file(), ErrorCode.FORMAT_TOO_NEW, "has format " + major + "." + minor
                + ", newer than this engine's 2.2", "the file was not modified");
    }

    /** A 2.1 pool opens, and its next header carries 2.2: from then on its log may hold a BODY, which a 2.1 engine cannot read. */
    @Test
    void shouldOpenAnOlderMinorFormatAndMarkItWithThisOne() throws IOException {
        Built built = buildPool("older-minor.pool");
        rewriteFormat(built.file(), 2, 1);
        try (Pool pool = Pool.open(built.file(), OPTIONS.withCreate(false))) {
            assertEquals(new FormatVersion(2, 1), pool.header().version());
            pool.checkpoint(Map.of(RootSlot.TEST, built.blockB()));
            assertEquals(FormatVersion.CURRENT, pool.header().version());
        }
    }

    @ParameterizedTest(name = "format {0}.{1}")
    @CsvSource({"1, 0", "2, 0"})
    void shouldRefuseAnOlderFormat(int major, int minor) throws IOException {
        Built built = buildPool("older.pool");
        rewriteFormat(built.file(), major, minor);
        assertRefused(built.file(), ErrorCode.FORMAT_TOO_OLD, "has format " + major + "." + minor
                + ", older than the oldest this engine reads (2.1)", "the file was not modified");
    }

    // ------------------------------------------------------------------ paths and locks

    @Test
    void shouldRefuseADirectory() throws IOException {
        Path directory = Files.createDirectory(dir.resolve("a-directory.pool"));
        assertRefused(directory, ErrorCode.NOT_ACCESSIBLE, "it is a directory");
        assertTrue(Files.isDirectory(directory));
    }

    @Test
    void shouldRefuseAMissingFileWhenCreationIsOff() throws IOException {
        Path file = dir.resolve("missing.pool");
        assertRefused(file, ErrorCode.NOT_ACCESSIBLE, "missing.pool does not exist");
        assertFalse(Files.exists(file));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "nothing is created when creation is off");
        }
    }

    @Test
    void shouldRefuseASecondOpenInThisProcessUnderAnyName() throws IOException {
        Built built = buildPool("twice.pool");
        Path link = Files.createSymbolicLink(dir.resolve("link.pool"), built.file());
        try (Pool pool = Pool.open(built.file(), EXISTING)) {
            assertRefused(built.file(), ErrorCode.ALREADY_OPEN, "is already open in this process");
            assertRefused(link, ErrorCode.ALREADY_OPEN, "is already open in this process");
            assertEquals(3, pool.header().sequence());
        }
        try (Pool pool = Pool.open(link, EXISTING)) {
            assertEquals(built.blockB(), pool.header().root(RootSlot.TEST));
        }
    }

    @Test
    void shouldRefuseAPoolOpenInAnotherProcess() throws Exception {
        Built built = buildPool("other-process.pool");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), HoldPoolOpen.class.getName(), built.file().toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            List<String> seen = new ArrayList<>();
            String ready = CompletableFuture.supplyAsync(() -> readUntilReady(out, seen)).get(60, TimeUnit.SECONDS);
            assertEquals("ready 3", ready, () -> "the child printed " + seen);

            assertRefused(built.file(), ErrorCode.LOCKED_BY_OTHER_PROCESS, "is open in another process");

            child.getOutputStream().close();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child closes the pool when its stdin closes");
            assertEquals(0, child.exitValue());
            assertEquals("closed", out.readLine());
        } finally {
            child.destroyForcibly();
        }
        try (Pool pool = Pool.open(built.file(), EXISTING)) {
            assertEquals(3, pool.header().sequence());
            assertEquals(built.blockB(), pool.header().root(RootSlot.TEST));
        }
    }

    private static String readUntilReady(BufferedReader out, List<String> seen) {
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("ready")) {
                    return line;
                }
                seen.add(line);
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Asserts that opening {@code path} is refused with {@code code}, a message containing every
     * part, and no change to the file; and that a second attempt is refused the same way (the
     * first refusal left nothing open or locked).
     */
    private static void assertRefused(Path path, ErrorCode code, String... messageParts) {
        String before = fingerprint(path);
        for (int attempt = 0; attempt < 2; attempt++) {
            PersimmonException e = assertThrows(PersimmonException.class, () -> Pool.open(path, EXISTING).close());
            assertEquals(code, e.code(), e::getMessage);
            for (String part : messageParts) {
                assertTrue(e.getMessage().contains(part), () -> "message \"" + e.getMessage() + "\" lacks \"" + part + "\"");
            }
            assertEquals(before, fingerprint(path), "a refused open must not change the file");
        }
    }

    /** SHA-256 and size of a regular file; a fixed text for a directory or a missing file. */
    private static String fingerprint(Path path) {
        if (Files.isDirectory(path)) {
            return "directory";
        }
        if (!Files.exists(path)) {
            return "missing";
        }
        try {
            byte[] bytes = Files.readAllBytes(path);
            return bytes.length + ":" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
        assertEquals(size, Files.size(file));
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.put(0, (byte) (one.get(0) ^ 0xFF)).rewind();
            channel.write(one, offset);
        }
    }

    private static PoolHeader.Decoded readCopy(Path file, int index) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer copy = ByteBuffer.allocate(HeaderLayout.COPY_SIZE);
            channel.read(copy, HeaderLayout.copyOffset(index));
            return PoolHeader.decode(copy.flip());
        }
    }

    /** Rewrites both header copies with another format version and a correct CRC32C. */
    private static void rewriteFormat(Path file, int major, int minor) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            for (int index = 0; index < 2; index++) {
                PoolHeader h = assertInstanceOf(PoolHeader.Decoded.Valid.class, readCopy(file, index)).header();
                assertEquals(index, h.copyIndex());
                PoolHeader changed = new PoolHeader(new FormatVersion(major, minor), h.pageSize(), h.uuid(),
                        h.createdMillis(), h.sequence(), h.roots());
                channel.write(changed.encode(), HeaderLayout.copyOffset(index));
            }
        }
        for (int index = 0; index < 2; index++) {
            PoolHeader h = assertInstanceOf(PoolHeader.Decoded.Valid.class, readCopy(file, index)).header();
            assertEquals(new FormatVersion(major, minor), h.version(), "the rewritten copy passes its checksum");
        }
    }
}
