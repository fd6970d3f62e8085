package cn.tuijin.system;

import static cn.tuijin.system.RequestGenerator.any;
import static cn.tuijin.system.RequestGenerator.encode;

import java.util.Random;

/**
 * Malformed variants of a request whose only input is one path variable (resuming a task's clock): the variable
 * unknown or malformed, or a query parameter the endpoint does not have. A body is no input of such an endpoint and
 * is ignored, so it is never sent as a fault.
 */
final class PathRequests implements RequestGenerator {

    private final String method;
    private final String path;
    private final String variable;
    private final String valid;

    PathRequests(String method, String path, String variable, String valid) {
        this.method = method;
        this.path = path;
        this.variable = variable;
        this.valid = valid;
    }

    Attempt validRequest() {
        return new Attempt("valid", method, path(valid), null, null, null, 0);
    }

    @Override
    public Attempt next(Random random) {
        if (random.nextInt(100) < 80) {
            String bad = any(random, BadValues.TASK_IDS);
            return new Attempt(variable + ": unknown or malformed", method, path(bad), null, null,
                    BadValues.fieldOfPathValue(variable, bad), 0);
        }
        String name = any(random, BadValues.UNKNOWN_NAMES);
        return new Attempt("unknown query parameter", method, path(valid) + "?" + encode(name) + "=1", null, null, name, 0);
    }

    private String path(String value) {
        return path.replace("{" + variable + "}", encode(value));
    }
}
