package cn.tuijin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The application's modules — one per package under {@code cn.tuijin} — depend on each other one way only, and only
 * on each other's public types: Spring Modulith reads the compiled classes and fails on any cycle. The module
 * diagram is drawn into {@code docs/modules/} (PlantUML), so that it follows the code.
 */
class ModulesTest {

    private static final ApplicationModules MODULES = ApplicationModules.of(TuijinApplication.class);

    @Test
    void theModulesDependOnEachOtherOneWayOnly() {
        MODULES.verify();
    }

    @Test
    void theModuleDiagramIsDrawnIntoTheDocs() throws IOException {
        new Documenter(MODULES, "docs/modules").writeModulesAsPlantUml(Documenter.DiagramOptions.defaults());
        // Modulith lists the modules and arrows in no fixed order: sorted, the file changes only when the modules do.
        Path diagram = Path.of("docs/modules/components.puml");
        List<String> lines = Files.readAllLines(diagram, StandardCharsets.UTF_8);
        Files.write(diagram, sortedRuns(sortedRuns(lines, "  Component("), "Rel("), StandardCharsets.UTF_8);
    }

    /** The lines, each run of consecutive lines starting with the prefix sorted. */
    private static List<String> sortedRuns(List<String> lines, String prefix) {
        List<String> out = new ArrayList<>();
        List<String> run = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith(prefix)) {
                run.add(line);
                continue;
            }
            Collections.sort(run);
            out.addAll(run);
            run.clear();
            out.add(line);
        }
        Collections.sort(run);
        out.addAll(run);
        return out;
    }
}
