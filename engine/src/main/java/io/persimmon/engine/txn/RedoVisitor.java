package io.persimmon.engine.txn;

import io.persimmon.engine.PersimmonException;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Receives the operations of a redo record's body, in order; {@link #read} decodes one. */
public interface RedoVisitor {
    default void alloc(long offset, long size) {}

    default void free(long offset, long size) {}

    default void write(long offset, byte[] data) {}

    default void set8(long offset, long value) {}

    default void treePut(long tree, byte[] key, long value) {}

    default void treeDelete(long tree, byte[] key) {}

    default void logical(int kind, byte[] payload) {}

    default void zero(long offset, long length) {}

    /** Decodes {@code body} and calls the visitor once per operation. */
    static void read(byte[] body, RedoVisitor visitor) {
        read(body, body.length, visitor);
    }

    /** Decodes the first {@code length} bytes of {@code body} and calls the visitor once per operation. */
    static void read(byte[] body, int length, RedoVisitor visitor) {
        ByteBuffer b = ByteBuffer.wrap(body, 0, length).slice().order(ByteOrder.LITTLE_ENDIAN);
        try {
            while (b.hasRemaining()) {
                byte code = b.get();
                switch (code) {
                    case RedoOps.ALLOC -> visitor.alloc(b.getLong(), b.getLong());
                    case RedoOps.FREE -> visitor.free(b.getLong(), b.getLong());
                    case RedoOps.WRITE -> {
                        long offset = b.getLong();
                        visitor.write(offset, bytes(b, b.getInt()));
                    }
                    case RedoOps.SET8 -> visitor.set8(b.getLong(), b.getLong());
                    case RedoOps.TREE_PUT -> {
                        long tree = b.getLong();
                        byte[] key = bytes(b, b.getInt());
                        visitor.treePut(tree, key, b.getLong());
                    }
                    case RedoOps.TREE_DELETE -> {
                        long tree = b.getLong();
                        visitor.treeDelete(tree, bytes(b, b.getInt()));
                    }
                    case RedoOps.LOGICAL -> {
                        int kind = b.getInt();
                        visitor.logical(kind, bytes(b, b.getInt()));
                    }
                    case RedoOps.ZERO -> visitor.zero(b.getLong(), b.getLong());
                    default -> throw new PersimmonException(io.persimmon.engine.ErrorCode.CORRUPT,
                            "redo record has an unknown operation " + code + " at byte " + (b.position() - 1));
                }
            }
        } catch (BufferUnderflowException | IllegalArgumentException | NegativeArraySizeException e) {
            throw new PersimmonException(io.persimmon.engine.ErrorCode.CORRUPT,
                    "redo record is truncated inside an operation at byte " + b.position());
        }
    }

    private static byte[] bytes(ByteBuffer b, int length) {
        byte[] data = new byte[length];
        b.get(data);
        return data;
    }
}
