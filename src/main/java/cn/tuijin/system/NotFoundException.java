package cn.tuijin.system;

/**
 * A project, unit or record that does not exist; the message is Chinese.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
