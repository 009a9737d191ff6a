package io.persimmon.engine.txn;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;

import java.util.Arrays;

/** Builds the body of a redo record (see {@link RedoOps}). */
public final class RedoWriter {
    private byte[] bytes;
    private int length;

    /** An empty body with room for 256 bytes. */
    public RedoWriter() {
        this(256);
    }

    /** An empty body with room for {@code capacity} bytes; it grows as needed. */
    public RedoWriter(int capacity) {
        bytes = new byte[capacity];
    }

    public RedoWriter alloc(long offset, long size) {
        return op(RedoOps.ALLOC).putLong(offset).putLong(size);
    }

    public RedoWriter free(long offset, long size) {
        return op(RedoOps.FREE).putLong(offset).putLong(size);
    }

    public RedoWriter write(long offset, byte[] data) {
        op(RedoOps.WRITE).putLong(offset).putInt(data.length);
        return putBytes(data);
    }

    /**
     * A WRITE of {@code length} bytes at {@code offset} whose data the caller then puts in
     * {@link #array()} from the returned index on (before anything else is added): a version is
     * encoded there once instead of in an array of its own and copied.
     */
    public int write(long offset, int length) {
        op(RedoOps.WRITE).putLong(offset).putInt(length);
        ensure(length);
        int at = this.length;
        this.length += length;
        return at;
    }

    public RedoWriter zero(long offset, long length) {
        return op(RedoOps.ZERO).putLong(offset).putLong(length);
    }

    public RedoWriter set8(long offset, long value) {
        return op(RedoOps.SET8).putLong(offset).putLong(value);
    }

    public RedoWriter treePut(long tree, byte[] key, long value) {
        op(RedoOps.TREE_PUT).putLong(tree).putInt(key.length);
        return putBytes(key).putLong(value);
    }

    public RedoWriter treeDelete(long tree, byte[] key) {
        op(RedoOps.TREE_DELETE).putLong(tree).putInt(key.length);
        return putBytes(key);
    }

    /** The operations continue in the {@code length} bytes at {@code offset}, whose CRC32C is {@code crc} (rule C7). */
    public RedoWriter body(long offset, long length, int crc) {
        return op(RedoOps.BODY).putLong(offset).putLong(length).putInt(crc);
    }

    public RedoWriter logical(int kind, byte[] payload) {
        op(RedoOps.LOGICAL).putInt(kind).putInt(payload.length);
        return putBytes(payload);
    }

    /** The body so far (the array may be longer: use {@link #length()}). */
    public byte[] array() {
        return bytes;
    }

    public int length() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    public void clear() {
        length = 0;
    }

    private RedoWriter op(byte code) {
        ensure(1);
        bytes[length++] = code;
        return this;
    }

    private RedoWriter putLong(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            bytes[length++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    private RedoWriter putInt(int v) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            bytes[length++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    private RedoWriter putBytes(byte[] data) {
        ensure(data.length);
        System.arraycopy(data, 0, bytes, length, data.length);
        length += data.length;
        return this;
    }

    private void ensure(int n) {
        if (n > bytes.length - length) {
            grow(n);
        }
    }

    /** The largest body a Java array holds (a little under 2 GiB). */
    static final int MAX_LENGTH = Integer.MAX_VALUE - 16;

    private void grow(int n) {
        if (n > MAX_LENGTH - length) {
            throw new PersimmonException(ErrorCode.INVALID_ARGUMENT, "a transaction's redo record would exceed "
                    + MAX_LENGTH + " bytes; commit in smaller steps");
        }
        long doubled = Math.max(2L * bytes.length, (long) length + n);
        bytes = Arrays.copyOf(bytes, (int) Math.min(doubled, MAX_LENGTH));
    }
}
