package io.persimmon.engine.log;

/**
 * A valid record found in a log area.
 *
 * @param area index of its area
 * @param position logical position of the record in its area (never wraps; physical = position mod size)
 * @param span bytes it occupies, header included, rounded to 64
 * @param sequence its sequence number in the area
 * @param timestamp the commit timestamp it carries
 * @param generation the generation of the session that wrote it (C6)
 * @param body its body (a copy)
 */
public record LogRecord(int area, long position, long span, long sequence, long timestamp, long generation, byte[] body) {
    /** Logical position just after this record. */
    public long end() {
        return position + span;
    }
}
