package cn.tuijin.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import cn.tuijin.system.ForbiddenException;
import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.SystemActions;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The rules of the domain at the engine's own doors. Every way into the engine — {@code /engine-rest}, the webapps'
 * API, Tasklist's buttons, a door added later — ends in an engine command; two interceptors see each one:
 * <ul>
 * <li>outside the transaction, {@link Calls} recognises a call made by a logged-in user rather than by the application
 * itself (jobs, start-up, {@link SystemActions#asSystem}), and answers what went wrong in Chinese,
 * with the status the user should see (a lost race is a conflict, not a failure of the server);</li>
 * <li>inside the transaction, {@link DoorGuard} applies the rules of {@link EngineOperation} and writes the
 * administrators' audit lines.</li>
 * </ul>
 */
@Component
class EngineDoors extends AbstractProcessEnginePlugin {

    /** Commands the engine runs after a job, on the caller's thread: part of the call that ran the job. */
    private static final Set<String> AFTER_A_JOB = Set.of("FailedJobListener", "SuccessfulJobListener");

    private final ObjectProvider<EngineAudit> audit;
    private final ObjectProvider<cn.tuijin.org.OrgDirectory> org;
    private final ObjectProvider<cn.tuijin.delegation.DelegationService> delegations;

    EngineDoors(ObjectProvider<EngineAudit> audit, ObjectProvider<cn.tuijin.org.OrgDirectory> org,
                ObjectProvider<cn.tuijin.delegation.DelegationService> delegations) {
        this.audit = audit;
        this.org = org;
        this.delegations = delegations;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // Read on the first form submitted through a door, not while the application starts (it parses every diagram).
        java.util.function.Supplier<FormFields> forms = FormFields.onFirstUse();
        List<CommandInterceptor> pre = new ArrayList<>();
        if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
            pre.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
        }
        pre.add(new Calls(configuration));
        configuration.setCustomPreCommandInterceptorsTxRequired(pre);
        List<CommandInterceptor> post = new ArrayList<>();
        if (configuration.getCustomPostCommandInterceptorsTxRequired() != null) {
            post.addAll(configuration.getCustomPostCommandInterceptorsTxRequired());
        }
        post.add(new DoorGuard(forms, audit, org, delegations));
        configuration.setCustomPostCommandInterceptorsTxRequired(post);
    }

    /** Marks the outermost command of a call through a door, and translates what refuses it. */
    static final class Calls extends CommandInterceptor {

        /** The SQL state class of integrity constraint violations. */
        private static final String INTEGRITY = "23";
        /**
         * The SQL states of a statement the database cannot parse: H2's 42000 and 42001, PostgreSQL's 42601 (not the
         * rest of class 42: a missing table or a refused privilege is the server's fault, not the caller's).
         */
        private static final Set<String> SYNTAX = Set.of("42000", "42001", "42601");

        private final ProcessEngineConfigurationImpl configuration;

        Calls(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        @Override
        public <T> T execute(Command<T> command) {
            if (DoorCall.current() != null || SystemActions.running() || AFTER_A_JOB.contains(EngineOperation.name(command))) {
                return next.execute(command);
            }
            Authentication user = configuration.getIdentityService().getCurrentAuthentication();
            if (user == null || user.getUserId() == null) {
                // The application's own work (jobs, start-up, schedules): every door asks for a login before the
                // engine sees a call (Spring Security on /engine-rest, the webapps' own filter on their API).
                return next.execute(command);
            }
            DoorCall call = DoorCall.of(command, user);
            DoorCall.begin(call);
            try {
                return next.execute(command);
            } catch (RuntimeException e) {
                RuntimeException answer = translate(call, e);
                if (answer instanceof DoorRefusal refusal) {
                    DoorResponses.status(refusal.status());
                } else if (answer instanceof FormFieldValidationException) {
                    DoorResponses.status(DoorRefusal.BAD_REQUEST);
                }
                throw answer;
            } finally {
                DoorCall.end();
            }
        }

        /**
         * A query the engine cannot run with the caller's criteria: criteria its SQL cannot take (a job query with both
         * an id and a list of ids), which the database refuses as a syntax error. Bad input, not a failure of the
         * server.
         */
        private static boolean unusableQuery(RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && SYNTAX.contains(sql.getSQLState())) {
                    return true;
                }
            }
            return false;
        }

        /** What the user reads when the engine names the input it cannot take (conditions refused together, an id). */
        private static String badInput(RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                String text = DoorResponses.badInput(t.getMessage());
                if (text != null) {
                    return text;
                }
            }
            return null;
        }

        /** What the user reads when the call fails. */
        private static RuntimeException translate(DoorCall call, RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof DoorRefusal refusal) {
                    return refusal;
                }
                if (t instanceof FormFieldValidationException refused) {
                    return refused;
                }
                if (t instanceof OptimisticLockingException) {
                    return new DoorRefusal(DoorRefusal.CONFLICT, DoorRefusal.LOST_RACE);
                }
                if (t instanceof TaskAlreadyClaimedException) {
                    return new DoorRefusal(DoorRefusal.CONFLICT, "该任务已被他人认领，请刷新");
                }
                if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith(INTEGRITY)) {
                    // a unique key: what the call would create is there already (a second call, or someone else's)
                    return new DoorRefusal(DoorRefusal.CONFLICT, "要添加的内容已存在，或已被他人修改，请刷新");
                }
                if (t instanceof cn.tuijin.system.NotFoundException missing) {
                    return new DoorRefusal(DoorRefusal.NOT_FOUND, missing.getMessage());
                }
                if (t instanceof ForbiddenException forbidden) {
                    return new DoorRefusal(DoorRefusal.FORBIDDEN, forbidden.getMessage());
                }
                if (t instanceof InvalidInputException invalid) {
                    return new DoorRefusal(DoorRefusal.BAD_REQUEST, invalid.getMessage());
                }
                if (t instanceof AuthorizationException refused) {
                    // The application's own refusals are in Chinese; the engine's name ids and permissions.
                    String message = refused.getMessage();
                    return new DoorRefusal(DoorRefusal.FORBIDDEN, message != null && DoorResponses.CHINESE.matcher(message).find()
                            && !message.contains("ENGINE-") ? message : "没有权限：该事项不属于您或本单位办理");
                }
            }
            String badInput = badInput(e);
            if (badInput != null) {
                return new DoorRefusal(DoorRefusal.BAD_REQUEST, badInput);
            }
            boolean work = call.operation() == EngineOperation.WORK;
            if (e instanceof NullPointerException || (work && (e instanceof NullValueException || e instanceof NotFoundException))) {
                // The task went away under the call: someone else completed it in the same moment.
                return new DoorRefusal(DoorRefusal.CONFLICT, DoorRefusal.LOST_RACE);
            }
            if (e instanceof NullValueException || e instanceof NotFoundException) {
                return new DoorRefusal(DoorRefusal.NOT_FOUND, "要查找的对象不存在或已办结，请刷新");
            }
            if (call.operation() == EngineOperation.READ && unusableQuery(e)) {
                return new DoorRefusal(DoorRefusal.BAD_REQUEST, DoorResponses.UNUSABLE_QUERY);
            }
            return e;
        }
    }
}
