package cn.tuijin.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The fields each form declares, read once from the deployed forms ({@code processes/*.form}) and diagrams
 * ({@code processes/*.bpmn}): what a submission of a task's form, or of a process's start form, may carry. A field
 * the form shows read-only may come back only unchanged.
 */
final class FormFields {

    /** The fields of one form: those the user fills in, and those shown read-only. */
    record Form(String id, Set<String> editable, Set<String> readOnly) {
        static final Form NONE = new Form("", Set.of(), Set.of());
    }

    private final Map<String, Form> forms = new HashMap<>();
    private final Map<String, String> taskForms = new HashMap<>();
    private final Map<String, String> startForms = new HashMap<>();

    /** The fields, read from the classpath when first asked for (once, whichever thread asks first). */
    static java.util.function.Supplier<FormFields> onFirstUse() {
        return org.springframework.util.function.SingletonSupplier.of(FormFields::fromClasspath);
    }

    static FormFields fromClasspath() {
        FormFields fields = new FormFields();
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        ObjectMapper json = new ObjectMapper();
        try {
            for (Resource resource : resolver.getResources("classpath*:processes/*.form")) {
                try (InputStream in = resource.getInputStream()) {
                    JsonNode form = json.readTree(in);
                    Set<String> editable = new HashSet<>();
                    Set<String> readOnly = new HashSet<>();
                    collect(form.path("components"), editable, readOnly);
                    String id = form.path("id").asText();
                    fields.forms.put(id, new Form(id, Set.copyOf(editable), Set.copyOf(readOnly)));
                }
            }
            for (Resource resource : resolver.getResources("classpath*:processes/*.bpmn")) {
                try (InputStream in = resource.getInputStream()) {
                    fields.read(Bpmn.readModelFromStream(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the forms and diagrams", e);
        }
        return fields;
    }

    private void read(BpmnModelInstance model) {
        for (Process process : model.getModelElementsByType(Process.class)) {
            for (StartEvent start : process.getChildElementsByType(StartEvent.class)) {
                if (start.getCamundaFormRef() != null) {
                    startForms.put(process.getId(), start.getCamundaFormRef());
                }
            }
        }
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            if (task.getCamundaFormRef() != null) {
                String process = processOf(task);
                taskForms.put(process + "/" + task.getId(), task.getCamundaFormRef());
            }
        }
    }

    private static String processOf(UserTask task) {
        org.camunda.bpm.model.xml.instance.ModelElementInstance e = task.getParentElement();
        while (e != null && !(e instanceof Process)) {
            e = e.getParentElement();
        }
        return e == null ? "" : ((Process) e).getId();
    }

    private static void collect(JsonNode components, Set<String> editable, Set<String> readOnly) {
        for (JsonNode component : components) {
            if (component.hasNonNull("key")) {
                boolean fixed = component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false);
                (fixed ? readOnly : editable).add(component.get("key").asText());
            }
            collect(component.path("components"), editable, readOnly);
        }
    }

    /** The form of a user task of a process; {@link Form#NONE} if it has none. */
    Form task(String processKey, String taskDefinitionKey) {
        return form(taskForms.get(processKey + "/" + taskDefinitionKey));
    }

    /** The start form of a process, or null: a process without one starts only through the application. */
    Form start(String processKey) {
        String id = startForms.get(processKey);
        return id == null ? null : form(id);
    }

    private Form form(String id) {
        return id == null ? Form.NONE : forms.getOrDefault(id, Form.NONE);
    }
}
