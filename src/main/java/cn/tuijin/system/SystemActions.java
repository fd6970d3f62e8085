package cn.tuijin.system;

import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Runs engine calls as the application itself, after the application has checked what the user may do
 * (e.g. an officer's extension request starts a process the officer could not start in Camunda).
 */
@Component
public class SystemActions {

    /** Set while the application runs engine calls as itself: the engine's doors let them through. */
    private static final ThreadLocal<Boolean> RUNNING = new ThreadLocal<>();

    private final IdentityService identity;

    SystemActions(IdentityService identity) {
        this.identity = identity;
    }

    /** The user of the current request, as Camunda's identity knows them; null if nobody is logged in. */
    public Authentication currentUser() {
        return identity.getCurrentAuthentication();
    }

    public <T> T asSystem(Supplier<T> action) {
        Authentication user = identity.getCurrentAuthentication();
        Boolean outer = RUNNING.get();
        identity.clearAuthentication();
        RUNNING.set(Boolean.TRUE);
        try {
            return action.get();
        } finally {
            if (outer == null) {
                RUNNING.remove();
            }
            if (user != null) {
                identity.setAuthentication(user);
            }
        }
    }

    /** Whether the application is running engine calls as itself on this thread ({@link #asSystem}). */
    public static boolean running() {
        return RUNNING.get() != null;
    }

    public void asSystem(Runnable action) {
        asSystem(() -> {
            action.run();
            return null;
        });
    }
}
