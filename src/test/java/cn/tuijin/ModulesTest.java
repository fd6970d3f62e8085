package cn.tuijin;

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
    void theModuleDiagramIsDrawnIntoTheDocs() {
        new Documenter(MODULES, "docs/modules").writeModulesAsPlantUml(Documenter.DiagramOptions.defaults());
    }
}
