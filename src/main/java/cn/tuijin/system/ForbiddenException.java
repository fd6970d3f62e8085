package cn.tuijin.system;

/**
 * The user may not do this; the message is Chinese.
 */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
