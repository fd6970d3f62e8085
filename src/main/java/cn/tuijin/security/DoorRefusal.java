package cn.tuijin.security;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * An engine command refused at a door, with the HTTP status and the Chinese message the user reads. The engine's REST
 * layers answer it as a bad request; {@link DoorResponses} gives it its own status.
 */
class DoorRefusal extends BadUserRequestException {

    static final int FORBIDDEN = 403;
    static final int BAD_REQUEST = 400;
    static final int NOT_FOUND = 404;
    static final int CONFLICT = 409;

    static final String LOST_RACE = "该任务已被他人处理，请刷新";

    private final int status;

    DoorRefusal(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
