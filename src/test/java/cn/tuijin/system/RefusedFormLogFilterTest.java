package cn.tuijin.system;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.junit.jupiter.api.Test;

/**
 * The engine's ERROR about a refused form is dropped; its other errors are not.
 */
class RefusedFormLogFilterTest {

    private final RefusedFormLogFilter filter = new RefusedFormLogFilter();
    private final Logger engine = new LoggerContext().getLogger("org.camunda.bpm.engine.context");

    RefusedFormLogFilterTest() {
        engine.setLevel(Level.INFO); // as configured; at DEBUG the refused form is logged
    }

    @Test
    void refusedFormWrappedByTheEngineIsNotLoggedAsAnError() {
        Exception wrapped = new ProcessEngineException("Exception while invoking TaskListener", new FormFieldValidationException("permitNo", "请填写「施工许可证编号」"));
        assertThat(filter.decide(null, engine, Level.ERROR, "ENGINE-16004 {}", new Object[] {"x", wrapped}, null)).isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(null, engine, Level.ERROR, "ENGINE-16004", null, wrapped)).isEqualTo(FilterReply.DENY);
    }

    @Test
    void otherEngineErrorsAreStillLogged() {
        Exception failure = new ProcessEngineException("database down", new IllegalStateException("connection refused"));
        assertThat(filter.decide(null, engine, Level.ERROR, "ENGINE-16004 {}", new Object[] {failure}, null)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, new LoggerContext().getLogger("cn.tuijin"), Level.ERROR, "x", null,
                new FormFieldValidationException("f", "m"))).isEqualTo(FilterReply.NEUTRAL);
    }
}
