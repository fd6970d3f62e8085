package cn.tuijin.security;

import java.util.List;

import cn.tuijin.org.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;

/**
 * An engine command a logged-in user sent through one of the engine's doors, while it runs: the
 * outermost command of the call, who sent it and what kind of operation it is. Commands the engine runs inside it
 * (listeners, the process's own steps) are the process's work, not the caller's.
 */
record DoorCall(Command<?> command, String userId, List<String> groups, EngineOperation operation) {

    private static final ThreadLocal<DoorCall> CURRENT = new ThreadLocal<>();

    static DoorCall of(Command<?> command, Authentication user) {
        return new DoorCall(command, user.getUserId(),
                user.getGroupIds() == null ? List.of() : List.copyOf(user.getGroupIds()),
                EngineOperation.of(command));
    }

    static DoorCall current() {
        return CURRENT.get();
    }

    static void begin(DoorCall call) {
        CURRENT.set(call);
    }

    static void end() {
        CURRENT.remove();
    }

    boolean admin() {
        return groups.contains(Groups.ADMINS);
    }
}
