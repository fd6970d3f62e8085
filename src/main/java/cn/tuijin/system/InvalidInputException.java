package cn.tuijin.system;

/**
 * Input a user typed or uploaded that the application refuses; the message is Chinese and names the field.
 */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
