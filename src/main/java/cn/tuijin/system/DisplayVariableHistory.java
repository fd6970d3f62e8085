package cn.tuijin.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * The engine keeps no history of the variables that only show a task's context: the project's name, unit and stage
 * beside each task in Tasklist ({@code projectInfo}, also the task's description, which the history keeps), and an
 * issue's, a supervision notice's, its answer's and a resolution's words ({@code issueInfo}, {@code noticeInfo},
 * {@code answerInfo}, {@code resolutionInfo}). The application's own tables hold what they say. Every other variable's
 * history is written as before (history level full). Saves two rows per task opened (the variable's history instance
 * and its detail) of the about thirty a task costs.
 *
 * <p>The engine's database history handler is wrapped, not replaced: history events of those variables (created,
 * updated, deleted) are dropped before it, all others are passed on. Custom history handlers other plugins add are
 * kept after it.
 */
@Component
class DisplayVariableHistory extends AbstractProcessEnginePlugin {

    /** Variables that only show context; their history is not kept. */
    static final Set<String> DISPLAY_ONLY = Set.of("projectInfo", "issueInfo", "noticeInfo", "answerInfo", "resolutionInfo");

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (!configuration.isEnableDefaultDbHistoryEventHandler()) {
            return;
        }
        List<HistoryEventHandler> handlers = new ArrayList<>();
        handlers.add(new WithoutDisplayVariables(new DbHistoryEventHandler()));
        if (configuration.getCustomHistoryEventHandlers() != null) {
            handlers.addAll(configuration.getCustomHistoryEventHandlers());
        }
        configuration.setEnableDefaultDbHistoryEventHandler(false);
        configuration.setCustomHistoryEventHandlers(handlers);
    }

    /** The database's history handler, without the events of display-only variables. */
    static final class WithoutDisplayVariables implements HistoryEventHandler {

        private final HistoryEventHandler database;

        WithoutDisplayVariables(HistoryEventHandler database) {
            this.database = database;
        }

        static boolean kept(HistoryEvent event) {
            return !(event instanceof HistoricVariableUpdateEventEntity variable && DISPLAY_ONLY.contains(variable.getVariableName()));
        }

        @Override
        public void handleEvent(HistoryEvent event) {
            if (kept(event)) {
                database.handleEvent(event);
            }
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            for (HistoryEvent event : events) {
                handleEvent(event);
            }
        }
    }
}
