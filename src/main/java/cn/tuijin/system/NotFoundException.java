package cn.tuijin.system;

/**
 * A project, unit or record that does not exist; the message is Chinese. When the caller named it in the request
 * (a task id in the path), the exception names that field too.
 */
public class NotFoundException extends RuntimeException {

    private final String field;

    public NotFoundException(String message) {
        this(null, message);
    }

    public NotFoundException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request's field that named what does not exist, or null. */
    public String field() {
        return field;
    }
}
