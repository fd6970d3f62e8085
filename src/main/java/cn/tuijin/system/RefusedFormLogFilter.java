package cn.tuijin.system;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.slf4j.Marker;

/**
 * A form the application refuses (a start date before the signing date…) is the user's typing, not a failure:
 * the engine would log it at ERROR with a stack trace; this logback filter lets it through at DEBUG only.
 * Registered in logback-spring.xml.
 */
public class RefusedFormLogFilter extends TurboFilter {

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level == null || level.levelInt < Level.WARN_INT || !logger.getName().startsWith("org.camunda.bpm.engine")) {
            return FilterReply.NEUTRAL;
        }
        // The engine's loggers pass the exception as the last argument of the message.
        Throwable thrown = t;
        if (thrown == null && params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last) {
            thrown = last;
        }
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof FormFieldValidationException) {
                return logger.isDebugEnabled() ? FilterReply.NEUTRAL : FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }
}
