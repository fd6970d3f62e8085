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
        identity.clearAuthentication();
        try {
            return action.get();
        } finally {
            if (user != null) {
                identity.setAuthentication(user);
            }
        }
    }

    public void asSystem(Runnable action) {
        asSystem(() -> {
            action.run();
            return null;
        });
    }
}
