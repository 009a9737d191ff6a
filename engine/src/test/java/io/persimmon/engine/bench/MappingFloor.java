package io.persimmon.engine.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A child of {@link RecoveryTimeMeasurement}: the least any open of a pool through the JDK's
 * foreign memory API does in a fresh JVM, with nothing of Persimmon: open the file, make a shared
 * arena, map the file whole, read one 8-byte word through a value layout and copy the first 4 KiB
 * (the header) to the heap, then close. What this costs is the JVM's own setting up of that API
 * (its classes, method handles and var handles), the floor under a cold {@code Database.open}.
 * It prints what {@link RecoveryOpen} prints, with -1 for the row count.
 */
public final class MappingFloor {
    private MappingFloor() {}

    public static void main(String[] args) throws Exception {
        long entered = System.nanoTime();
        long start = System.nanoTime();
        long word;
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ, StandardOpenOption.WRITE);
             Arena arena = Arena.ofShared()) {
            MemorySegment pool = channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size(), arena);
            word = pool.get(ValueLayout.JAVA_LONG_UNALIGNED, 0);
            byte[] header = new byte[4096];
            MemorySegment.copy(pool, ValueLayout.JAVA_BYTE, 0, header, 0, header.length);
            word ^= header[8];
        }
        long opened = System.nanoTime();
        System.out.println(entered + " " + start + " " + opened + " " + (word == 42 ? -2 : -1));
    }
}
