package cn.tuijin.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.Test;

/**
 * The contract between the diagrams and the deadline engine, read from every diagram in {@code processes/}: each user
 * task is made with the Modeler's element template for deadline tasks ({@code processes/.camunda/element-templates}),
 * declares its kind of deadline (a kind the policy knows) and a due date, and leaves its listeners and timers to
 * {@link DeadlineWiring}. A user task added without them fails here, before anyone deploys it.
 */
class DiagramDeadlinesTest {

    private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    private static final String TEMPLATE = "cn.tuijin.deadline-task";

    /** The Modeler's element template for deadline tasks offers exactly the kinds the policy knows. */
    @Test
    void theElementTemplateOffersTheKindsThePolicyKnows() throws IOException {
        JsonNode template = new ObjectMapper().readTree(Path.of("processes/.camunda/element-templates/deadline-task.json").toFile()).get(0);
        assertThat(template.path("id").asText()).isEqualTo(TEMPLATE);
        JsonNode kind = null;
        for (JsonNode property : template.path("properties")) {
            if (DeadlineKinds.PROPERTY.equals(property.path("binding").path("name").asText())) {
                kind = property;
            }
        }
        assertThat(kind).as("the template's deadline kind").isNotNull();
        assertThat(kind.path("choices").findValuesAsText("value"))
                .containsExactlyElementsOf(Arrays.stream(DeadlineKind.values()).map(Enum::name).toList());
    }

    @Test
    void everyUserTaskDeclaresAKnownDeadlineKindAndADueDate() throws IOException {
        List<String> kinds = Arrays.stream(DeadlineKind.values()).map(Enum::name).toList();
        List<String> wrong = new ArrayList<>();
        int tasks = 0;
        try (Stream<Path> diagrams = Files.list(Path.of("processes"))) {
            for (Path diagram : diagrams.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList()) {
                BpmnModelInstance model = Bpmn.readModelFromFile(diagram.toFile());
                for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                    tasks++;
                    String where = diagram.getFileName() + " " + task.getId() + "（" + task.getName() + "）";
                    String kind = DeadlineKinds.declared(task).orElse(null);
                    if (kind == null) {
                        wrong.add(where + ": no " + DeadlineKinds.PROPERTY);
                    } else if (!kinds.contains(kind)) {
                        wrong.add(where + ": unknown " + DeadlineKinds.PROPERTY + " " + kind);
                    }
                    if (task.getCamundaDueDate() == null || task.getCamundaDueDate().isBlank()) {
                        wrong.add(where + ": no due date");
                    }
                    if (!TEMPLATE.equals(task.getAttributeValueNs(CAMUNDA, "modelerTemplate"))) {
                        wrong.add(where + ": not made with the element template " + TEMPLATE);
                    }
                    if (task.getExtensionElements() != null && !task.getExtensionElements().getElementsQuery()
                            .filterByType(CamundaTaskListener.class).list().isEmpty()) {
                        wrong.add(where + ": draws task listeners (DeadlineWiring adds them)");
                    }
                }
            }
        }
        assertThat(tasks).as("user tasks in the diagrams").isGreaterThanOrEqualTo(25);
        assertThat(wrong).isEmpty();
    }

    /**
     * A diagram draws a task's warning or deadline timer only where the process goes on from it (an overdue notice
     * goes to the leader); a timer that only reminds or records, and ends, is {@link DeadlineWiring}'s to add.
     */
    @Test
    void noDiagramDrawsADeadlineTimerThatOnlyEnds() throws IOException {
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> diagrams = Files.list(Path.of("processes"))) {
            for (Path diagram : diagrams.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList()) {
                BpmnModelInstance model = Bpmn.readModelFromFile(diagram.toFile());
                for (BoundaryEvent timer : model.getModelElementsByType(BoundaryEvent.class)) {
                    boolean deadlineTimer = timer.getId().endsWith(DeadlineWiring.DUE_SOON) || timer.getId().endsWith(DeadlineWiring.OVERDUE);
                    boolean onlyEnds = timer.getOutgoing().stream().allMatch(flow -> flow.getTarget() instanceof EndEvent);
                    if (deadlineTimer && onlyEnds) {
                        wrong.add(diagram.getFileName() + " " + timer.getId());
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }
}
