package cn.tuijin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The build's gate on flow-node coverage: merges the reports camunda-process-test-coverage wrote for every process
 * test class and fails unless each diagram is covered at least to the given share. Run by Maven in the verify phase:
 * {@code CoverageGate <report directory> <minimum share>}.
 */
public final class CoverageGate {

    private CoverageGate() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        double minimum = Double.parseDouble(args[1]);
        Map<String, Integer> totals = new TreeMap<>();
        Map<String, Set<String>> covered = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> reports = Files.walk(dir)) {
            for (Path report : reports.filter(p -> p.getFileName().toString().equals("report.json")).toList()) {
                JsonNode root = json.readTree(report.toFile());
                root.path("models").forEach(m -> totals.put(m.path("key").asText(), m.path("totalElementCount").asInt()));
                root.path("suites").forEach(suite -> suite.path("runs").forEach(run -> run.path("events").forEach(e ->
                        covered.computeIfAbsent(e.path("modelKey").asText(), k -> new HashSet<>()).add(e.path("definitionKey").asText()))));
            }
        }
        boolean failed = totals.isEmpty();
        for (Map.Entry<String, Integer> model : totals.entrySet()) {
            int hit = covered.getOrDefault(model.getKey(), Set.of()).size();
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
}
