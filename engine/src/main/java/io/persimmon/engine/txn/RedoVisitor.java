package io.persimmon.engine.txn;

import io.persimmon.engine.PersimmonException;


/** Receives the operations of a redo record's body, in order; {@link #read} decodes one. */
public interface RedoVisitor {
    default void alloc(long offset, long size) {}

    default void free(long offset, long size) {}

    /** A WRITE of the {@code length} bytes of {@code source} from {@code from} (the record's own array: not to be kept). */
    default void write(long offset, byte[] source, int from, int length) {}

    default void set8(long offset, long value) {}

    default void treePut(long tree, byte[] key, long value) {}

    default void treeDelete(long tree, byte[] key) {}

    default void logical(int kind, byte[] payload) {}

    default void zero(long offset, long length) {}

    /** A BODY: the operations continue in the {@code length} bytes at pool offset {@code offset}, whose CRC32C is {@code crc}. */
    default void body(long offset, long length, int crc) {}

    /** Decodes {@code body} and calls the visitor once per operation. */
    static void read(byte[] body, RedoVisitor visitor) {
        read(body, body.length, visitor);
    }

    /** Decodes the first {@code length} bytes of {@code body} and calls the visitor once per operation. */
    static void read(byte[] body, int length, RedoVisitor visitor) {
        RedoFields r = new RedoFields(body, length);
        while (r.at < length) {
            int start = r.at;
            byte code = body[r.at++];
            switch (code) {
                case RedoOps.ALLOC -> visitor.alloc(r.long8(), r.long8());
                case RedoOps.FREE -> visitor.free(r.long8(), r.long8());
                case RedoOps.WRITE -> {
                    long offset = r.long8();
                    int n = r.length();
                    visitor.write(offset, body, r.skip(n), n);
                }
                case RedoOps.SET8 -> visitor.set8(r.long8(), r.long8());
                case RedoOps.TREE_PUT -> {
                    long tree = r.long8();
                    byte[] key = r.bytes(r.length());
                    visitor.treePut(tree, key, r.long8());
                }
                case RedoOps.TREE_DELETE -> {
                    long tree = r.long8();
                    visitor.treeDelete(tree, r.bytes(r.length()));
                }
                case RedoOps.LOGICAL -> {
                    int kind = r.int4();
                    visitor.logical(kind, r.bytes(r.length()));
                }
                case RedoOps.ZERO -> visitor.zero(r.long8(), r.long8());
                case RedoOps.BODY -> visitor.body(r.long8(), r.long8(), r.int4());
                default -> throw new PersimmonException(io.persimmon.engine.ErrorCode.CORRUPT,
                        "redo record has an unknown operation " + code + " at byte " + start);
            }
        }
    }
}
