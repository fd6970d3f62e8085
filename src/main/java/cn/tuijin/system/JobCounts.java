package cn.tuijin.system;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Counts the jobs this node ran: executed (committed) and failed (the job threw; it is retried, or becomes an
 * incident when its retries are spent). Every execution of a job goes through one command, whether the job executor
 * or {@code ManagementService.executeJob} runs it; an interceptor outside the transaction sees how it ended.
 * Published as {@code tuijin.jobs.executed} and {@code tuijin.jobs.failed} (see {@link OperationsMetrics}).
 */
@Component
public class JobCounts extends AbstractProcessEnginePlugin {

    private final LongAdder executed = new LongAdder();
    private final LongAdder failed = new LongAdder();

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> interceptors = new ArrayList<>();
        if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
            interceptors.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
        }
        interceptors.add(new Counting());
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }

    public long executed() {
        return executed.sum();
    }

    public long failed() {
        return failed.sum();
    }

    private final class Counting extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            if (!(command instanceof ExecuteJobsCmd)) {
                return next.execute(command);
            }
            try {
                T result = next.execute(command);
                executed.increment();
                return result;
            } catch (RuntimeException | Error e) {
                failed.increment();
                throw e;
            }
        }
    }
}
