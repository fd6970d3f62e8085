package cn.tuijin.ledger;

import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Removes what the ledger tests wrote (projects coded "LT-…", their processes, deadlines, lights and import records),
 * so that the shared application context looks to other tests as the demo city alone.
 */
final class LedgerTestData {

    private LedgerTestData() {
    }

    static void removeTestProjects(JdbcTemplate jdbc, RuntimeService runtime) {
        List<String> instances = runtime.createProcessInstanceQuery().processInstanceBusinessKeyLike("LT-%").list().stream()
                .map(ProcessInstance::getId).toList();
        if (!instances.isEmpty()) {
            runtime.deleteProcessInstances(instances, "ledger test data removed", true, true);
        }
        for (String table : List.of("task_deadline", "project_light", "accountability_record", "notification_outbox",
                "extension_request", "task_pause", "stage_claim", "monthly_report", "project_approval",
                "project_cooperating_unit", "ledger_import_project", "ledger_import_start")) {
            jdbc.update("delete from " + table + " where project_code like 'LT-%'");
        }
        jdbc.update("delete from ledger_import where id not in (select import_id from ledger_import_project)");
        // The notices the removed imports sent their units (one per unit and import, about no single project).
        String sent = "select o.id from notification_outbox o where o.dedupe_key like 'ledger-import:%'"
                + " and not exists (select 1 from ledger_import i where o.dedupe_key like concat('ledger-import:', i.id, ':%'))";
        jdbc.update("delete from notification_delivery where outbox_id in (" + sent + ")");
        jdbc.update("delete from notification_outbox where id in (" + sent + ")");
        jdbc.update("delete from project where code like 'LT-%'");
    }
}
