package cn.tuijin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The build's gate on flow-node coverage: merges the reports camunda-process-test-coverage wrote for every process
 * test class and fails unless each diagram is covered at least to the given share. Run by Maven in the verify phase:
 * {@code CoverageGate <report directory> <minimum share>}.
 */
public final class CoverageGate {

    private static final Pattern ID = Pattern.compile("\\sid=\"([^\"]+)\"");

    private CoverageGate() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        double minimum = Double.parseDouble(args[1]);
        Map<String, Integer> totals = new TreeMap<>();
        Map<String, Set<String>> drawn = new TreeMap<>();
        Map<String, Set<String>> covered = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> reports = Files.walk(dir)) {
            // The newest report last: a diagram's elements are those of its latest report (a report left by an older
            // build in the same target folder counts its covered elements, not its diagram).
            for (Path report : reports.filter(p -> p.getFileName().toString().equals("report.json"))
                    .sorted(Comparator.comparing(CoverageGate::modified)).toList()) {
                JsonNode root = json.readTree(report.toFile());
                root.path("models").forEach(m -> {
                    totals.put(m.path("key").asText(), m.path("totalElementCount").asInt());
                    drawn.put(m.path("key").asText(), ids(m.path("xml").asText()));
                });
                root.path("suites").forEach(suite -> suite.path("runs").forEach(run -> run.path("events").forEach(e ->
                        covered.computeIfAbsent(e.path("modelKey").asText(), k -> new HashSet<>()).add(e.path("definitionKey").asText()))));
            }
        }
        boolean failed = totals.isEmpty();
        for (Map.Entry<String, Integer> model : totals.entrySet()) {
            // Only what the diagram draws counts: the deadline timers the engine adds at parse time have no place in it.
            Set<String> hits = new HashSet<>(covered.getOrDefault(model.getKey(), Set.of()));
            hits.retainAll(drawn.get(model.getKey()));
            int hit = hits.size();
            double share = (double) hit / model.getValue();
            boolean ok = share >= minimum;
            failed |= !ok;
            System.out.printf("process coverage %-28s %4d / %4d elements = %5.1f%% %s%n", model.getKey(), hit,
                    model.getValue(), share * 100, ok ? "" : "(below " + Math.round(minimum * 100) + "%)");
        }
        if (failed) {
            throw new IllegalStateException("flow-node coverage below " + Math.round(minimum * 100) + "% (or no report) in " + dir);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ids of the diagram's elements. */
    private static Set<String> ids(String xml) {
        Set<String> ids = new HashSet<>();
        Matcher m = ID.matcher(xml);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }
}
