package io.persimmon.engine.log;

/**
 * Where a durable record went.
 *
 * @param area its area
 * @param position its logical position
 * @param end the logical position after it
 * @param sequence its sequence number in the area
 */
public record Appended(int area, long position, long end, long sequence) {}
