package io.persimmon.tpcc;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws the PNG charts with Java2D (headless): for a run, throughput over time per transaction type
 * (warm-up shaded) and p50/p95/p99 latency per type on a log scale; for a comparison, total throughput
 * over time per engine and transactions per second per engine.
 */
public final class ChartWriter {

    private static final int WIDTH = 1200;
    private static final int HEIGHT = 900;
    private static final int LEFT = 90;
    private static final int RIGHT = 200;
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};
    private static final Color[] PERCENTILE_COLORS = {new Color(0x9ecae1), new Color(0x4292c6), new Color(0x08519c)};

    private ChartWriter() {
    }

    /** Writes the chart of one run to {@code png}. */
    public static void writeRun(RunResult result, Path png) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(image);
        title(g, String.format(Locale.ROOT, "TPC-C %s: W=%d, %d terminals, %,.0f tpmC, %,.0f txn/s (%s)",
                result.engine(), result.config().warehouses(), result.config().terminals(), result.tpmC(),
                result.txnPerSecond(), result.durability().label()));

        TransactionType[] types = TransactionType.values();
        long[][] lines = new long[types.length + 1][];
        String[] names = new String[types.length + 1];
        lines[0] = total(result.series());
        names[0] = "Total";
        for (TransactionType type : types) {
            lines[type.ordinal() + 1] = result.series()[type.ordinal()];
            names[type.ordinal() + 1] = type.label();
        }
        timeSeries(g, 60, 400, "Transactions per second", lines, names, result.config().warmupSeconds());

        String[] labels = new String[types.length];
        double[][] values = new double[types.length][];
        for (TransactionType type : types) {
            TypeResult r = result.perType().get(type);
            labels[type.ordinal()] = type.label();
            values[type.ordinal()] = new double[] {r.p50Ms(), r.p95Ms(), r.p99Ms()};
        }
        latencyBars(g, 530, 320, labels, values);
        finish(g, image, png);
    }

    /** Writes the chart of a comparison to {@code png}. */
    public static void writeComparison(List<RunResult> results, Path png) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(image);
        RunConfig config = results.getFirst().config();
        title(g, String.format(Locale.ROOT, "TPC-C comparison: W=%d, %d terminals, %d s measured",
                config.warehouses(), config.terminals(), config.durationSeconds()));
        long[][] lines = new long[results.size()][];
        String[] names = new String[results.size()];
        for (int i = 0; i < results.size(); i++) {
            lines[i] = total(results.get(i).series());
            names[i] = results.get(i).engine();
        }
        timeSeries(g, 60, 400, "Total transactions per second", lines, names, config.warmupSeconds());

        int top = 530;
        int height = 320;
        int plotWidth = WIDTH - LEFT - RIGHT;
        double max = 0;
        for (RunResult result : results) {
            max = Math.max(max, result.txnPerSecond());
        }
        max = niceCeiling(max);
        linearAxis(g, top, height, max, "Transactions per second (measured)");
        int slot = plotWidth / results.size();
        int bar = Math.min(120, slot * 2 / 3);
        for (int i = 0; i < results.size(); i++) {
            RunResult result = results.get(i);
            int h = (int) Math.round(result.txnPerSecond() / max * height);
            int x = LEFT + i * slot + (slot - bar) / 2;
            g.setColor(PALETTE[i % PALETTE.length]);
            g.fillRect(x, top + height - h, bar, h);
            g.setColor(Color.BLACK);
            centered(g, String.format(Locale.ROOT, "%,.0f", result.txnPerSecond()), x + bar / 2, top + height - h - 6);
            centered(g, result.engine(), x + bar / 2, top + height + 18);
            centered(g, result.durability().label(), x + bar / 2, top + height + 34);
        }
        finish(g, image, png);
    }

    private static Graphics2D start(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        return g;
    }

    private static void finish(Graphics2D g, BufferedImage image, Path png) throws IOException {
        g.dispose();
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    private static void title(Graphics2D g, String text) {
        Font font = g.getFont();
        g.setFont(font.deriveFont(Font.BOLD, 16f));
        g.setColor(Color.BLACK);
        g.drawString(text, LEFT, 30);
        g.setFont(font);
    }

    /** Lines over time; the first {@code warmup} seconds are shaded. */
    private static void timeSeries(Graphics2D g, int top, int height, String axisLabel, long[][] lines, String[] names,
                                   int warmup) {
        int plotWidth = WIDTH - LEFT - RIGHT;
        int seconds = 1;
        long max = 1;
        for (long[] line : lines) {
            seconds = Math.max(seconds, line.length);
            for (long value : line) {
                max = Math.max(max, value);
            }
        }
        double yMax = niceCeiling(max);
        double xScale = (double) plotWidth / Math.max(1, seconds - 1);
        if (warmup > 0) {
            g.setColor(new Color(0xeeeeee));
            int w = (int) Math.round(Math.min(warmup, seconds - 1) * xScale);
            g.fillRect(LEFT, top, w, height);
            g.setColor(Color.GRAY);
            g.drawString("warm-up", LEFT + 6, top + 16);
        }
        linearAxis(g, top, height, yMax, axisLabel);
        g.setColor(Color.BLACK);
        int step = tickStep(seconds);
        for (int s = 0; s < seconds; s += step) {
            int x = LEFT + (int) Math.round(s * xScale);
            g.drawLine(x, top + height, x, top + height + 4);
            centered(g, Integer.toString(s), x, top + height + 18);
        }
        centered(g, "seconds since start of warm-up", LEFT + plotWidth / 2, top + height + 36);
        for (int i = 0; i < lines.length; i++) {
            Color color = i == 0 && names[0].equals("Total") ? Color.BLACK : PALETTE[i % PALETTE.length];
            g.setColor(color);
            g.setStroke(new BasicStroke(i == 0 ? 2.2f : 1.4f));
            Path2D.Double path = new Path2D.Double();
            // The last second is usually partial: leave it out.
            int points = Math.max(1, lines[i].length - 1);
            for (int s = 0; s < points; s++) {
                double x = LEFT + s * xScale;
                double y = top + height - lines[i][s] / yMax * height;
                if (s == 0) {
                    path.moveTo(x, y);
                } else {
                    path.lineTo(x, y);
                }
            }
            g.draw(path);
            g.setStroke(new BasicStroke(1f));
            int legendY = top + 20 + i * 20;
            g.fillRect(WIDTH - RIGHT + 20, legendY - 10, 14, 10);
            g.setColor(Color.BLACK);
            g.drawString(names[i], WIDTH - RIGHT + 40, legendY);
        }
    }

    /** Grouped bars of p50/p95/p99 per label on a log scale. */
    private static void latencyBars(Graphics2D g, int top, int height, String[] labels, double[][] values) {
        int plotWidth = WIDTH - LEFT - RIGHT;
        double min = Double.MAX_VALUE;
        double max = 0;
        for (double[] group : values) {
            for (double value : group) {
                if (value > 0) {
                    min = Math.min(min, value);
                    max = Math.max(max, value);
                }
            }
        }
        if (max == 0) {
            min = 0.1;
            max = 1;
        }
        int lowExp = (int) Math.floor(Math.log10(min));
        int highExp = (int) Math.ceil(Math.log10(max));
        if (highExp == lowExp) {
            highExp++;
        }
        double decades = highExp - lowExp;
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, top, LEFT, top + height);
        g.drawLine(LEFT, top + height, LEFT + plotWidth, top + height);
        for (int e = lowExp; e <= highExp; e++) {
            int y = top + height - (int) Math.round((e - lowExp) / decades * height);
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT + 1, y, LEFT + plotWidth, y);
            g.setColor(Color.BLACK);
            String label = BigDecimal.ONE.scaleByPowerOfTen(e).toPlainString();
            g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 5);
        }
        vertical(g, "Latency, ms (log scale)", 25, top + height / 2);
        int slot = plotWidth / labels.length;
        int bar = Math.min(40, (slot - 30) / 3);
        for (int i = 0; i < labels.length; i++) {
            int x0 = LEFT + i * slot + (slot - 3 * bar) / 2;
            for (int p = 0; p < 3; p++) {
                double value = values[i][p];
                if (value <= 0) {
                    continue;
                }
                int h = (int) Math.round((Math.log10(value) - lowExp) / decades * height);
                g.setColor(PERCENTILE_COLORS[p]);
                g.fillRect(x0 + p * bar, top + height - h, bar - 2, h);
                g.setColor(Color.BLACK);
                centered(g, value >= 10 ? String.format(Locale.ROOT, "%.0f", value)
                        : String.format(Locale.ROOT, "%.2f", value), x0 + p * bar + bar / 2, top + height - h - 4);
            }
            g.setColor(Color.BLACK);
            centered(g, labels[i], x0 + 3 * bar / 2, top + height + 18);
        }
        String[] legend = {"p50", "p95", "p99"};
        for (int p = 0; p < 3; p++) {
            int legendY = top + 20 + p * 20;
            g.setColor(PERCENTILE_COLORS[p]);
            g.fillRect(WIDTH - RIGHT + 20, legendY - 10, 14, 10);
            g.setColor(Color.BLACK);
            g.drawString(legend[p], WIDTH - RIGHT + 40, legendY);
        }
    }

    private static void linearAxis(Graphics2D g, int top, int height, double max, String label) {
        int plotWidth = WIDTH - LEFT - RIGHT;
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, top, LEFT, top + height);
        g.drawLine(LEFT, top + height, LEFT + plotWidth, top + height);
        for (int i = 0; i <= 5; i++) {
            double value = max * i / 5;
            int y = top + height - (int) Math.round((double) height * i / 5);
            if (i > 0) {
                g.setColor(new Color(0xdddddd));
                g.drawLine(LEFT + 1, y, LEFT + plotWidth, y);
            }
            g.setColor(Color.BLACK);
            String text = String.format(Locale.ROOT, "%,.0f", value);
            g.drawString(text, LEFT - 8 - g.getFontMetrics().stringWidth(text), y + 5);
        }
        vertical(g, label, 25, top + height / 2);
    }

    private static void vertical(Graphics2D g, String text, int x, int centerY) {
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.translate(x, centerY + rotated.getFontMetrics().stringWidth(text) / 2);
        rotated.rotate(-Math.PI / 2);
        rotated.setColor(Color.BLACK);
        rotated.drawString(text, 0, 0);
        rotated.dispose();
    }

    private static void centered(Graphics2D g, String text, int centerX, int baseline) {
        g.drawString(text, centerX - g.getFontMetrics().stringWidth(text) / 2, baseline);
    }

    private static long[] total(long[][] series) {
        int length = 0;
        for (long[] s : series) {
            length = Math.max(length, s.length);
        }
        long[] total = new long[length];
        for (long[] s : series) {
            for (int i = 0; i < s.length; i++) {
                total[i] += s[i];
            }
        }
        return total;
    }

    /** The smallest 1, 2 or 5 times a power of ten at or above {@code value}. */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double factor : new double[] {1, 2, 5, 10}) {
            if (factor * power >= value) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    private static int tickStep(int seconds) {
        for (int step : new int[] {1, 2, 5, 10, 15, 30, 60, 120, 300, 600}) {
            if (seconds / step <= 12) {
                return step;
            }
        }
        return 1200;
    }
}
