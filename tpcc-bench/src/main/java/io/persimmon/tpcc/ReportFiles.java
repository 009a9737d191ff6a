package io.persimmon.tpcc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes the report files of a run or a comparison into the output folder. */
final class ReportFiles {

    private ReportFiles() {
    }

    /**
     * Writes {@code tpcc-<engine>.json}, {@code .md} and {@code .png} into {@code outDir}, and the JSON
     * also to {@code extraJson} when given. A chart that cannot be drawn is reported, not fatal.
     *
     * @return the Markdown report's path
     */
    static Path writeRun(RunResult result, Path outDir, Path extraJson) throws IOException {
        Files.createDirectories(outDir);
        String base = "tpcc-" + result.engine();
        String json = ResultJson.of(result);
        Files.writeString(outDir.resolve(base + ".json"), json);
        if (extraJson != null) {
            Path parent = extraJson.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(extraJson, json);
        }
        String chart = base + ".png";
        try {
            ChartWriter.writeRun(result, outDir.resolve(chart));
        } catch (IOException | RuntimeException | Error e) {
            System.err.println("chart not written: " + e);
            chart = null;
        }
        Path markdown = outDir.resolve(base + ".md");
        Files.writeString(markdown, MarkdownReport.run(result, chart));
        return markdown;
    }

    /** Writes {@code comparison.md}, {@code comparison.json} and {@code comparison.png} into {@code outDir}. */
    static Path writeComparison(List<RunResult> results, Map<String, String> unavailable, String command, Path outDir)
            throws IOException {
        Files.createDirectories(outDir);
        Files.writeString(outDir.resolve("comparison.json"), ResultJson.comparison(results, unavailable, command));
        String chart = "comparison.png";
        if (results.isEmpty()) {
            chart = null;
        } else {
            try {
                ChartWriter.writeComparison(results, outDir.resolve(chart));
            } catch (IOException | RuntimeException | Error e) {
                System.err.println("chart not written: " + e);
                chart = null;
            }
        }
        Path markdown = outDir.resolve("comparison.md");
        Files.writeString(markdown, MarkdownReport.comparison(results, unavailable, command, chart));
        return markdown;
    }
}
