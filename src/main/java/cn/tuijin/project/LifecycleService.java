package cn.tuijin.project;

import cn.tuijin.system.NotFoundException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;

/**
 * Starts a project's lifecycle process and answers the questions its expressions ask about the project.
 * Exposed to process expressions as {@code projects}.
 */
@Service("projects")
public class LifecycleService {

    private final ProjectRepository projects;
    private final RuntimeService runtime;

    LifecycleService(ProjectRepository projects, RuntimeService runtime) {
        this.projects = projects;
        this.runtime = runtime;
    }

    /**
     * Starts the lifecycle of a project at its current stage (a project already under construction starts at 在建).
     * Reserve projects (储备) and projects already in operation have no lifecycle to run.
     */
    public ProcessInstance start(String projectCode) {
        entryStage(projectCode);
        return runtime.startProcessInstanceByKey(ProjectLifecycle.KEY, projectCode);
    }

    /**
     * Where the project's lifecycle enters (the gateway 从哪个阶段开始?): its stage in the ledger, a {@link Stage} name.
     */
    public String entryStage(String projectCode) {
        Project project = project(projectCode);
        return switch (project.stage()) {
            case NEGOTIATING, SIGNED, UNDER_CONSTRUCTION, COMPLETED -> project.stage().name();
            case RESERVE, OPERATING -> throw new IllegalStateException("项目 " + projectCode + " 处于" + project.stageLabel() + "阶段，无需启动全周期流程");
        };
    }

    /** Whether the project's lifecycle process is running. */
    public boolean isRunning(String projectCode) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(ProjectLifecycle.KEY)
                .processInstanceBusinessKey(projectCode).count() > 0;
    }

    /** The Camunda group of the project's lead unit: the candidate group of its claims and reports. */
    public String leadUnitGroup(String projectCode) {
        return project(projectCode).leadUnitCode();
    }

    public Project project(String projectCode) {
        return projects.find(projectCode).orElseThrow(() -> new NotFoundException("项目 " + projectCode + " 不存在"));
    }
}
