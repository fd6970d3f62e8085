package cn.tuijin.system;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

import cn.tuijin.deadline.WorkingDayCalendar;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The one clock of the application: the engine's, so that tests moving the engine clock move every deadline too.
 */
@Component
public class EngineClock {

    public Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    public LocalDate today() {
        return LocalDate.ofInstant(now(), WorkingDayCalendar.ZONE);
    }

    public YearMonth thisMonth() {
        return YearMonth.from(today());
    }
}
