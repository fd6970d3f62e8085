package cn.tuijin.notification;

/**
 * A delivery that did not go through. Permanent: there is nothing to send it to (no address, channel off), so it is
 * given up; otherwise the channel is down or refused it, and it is tried again later.
 */
class DeliveryException extends Exception {

    private final boolean permanent;

    DeliveryException(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    DeliveryException(String message, Throwable cause) {
        super(message, cause);
        this.permanent = false;
    }

    boolean permanent() {
        return permanent;
    }
}
