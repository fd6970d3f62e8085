package cn.tuijin.calendar;

import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Registers the working-day business calendar with the engine, for task due and follow-up dates and for timers
 * (dates and durations). Timer cycles keep Camunda's own calendar.
 */
@Component
class WorkingDayCalendarPlugin extends AbstractProcessEnginePlugin {

    private final WorkingDayCalendar calendar;

    WorkingDayCalendarPlugin(WorkingDayCalendar calendar) {
        this.calendar = calendar;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        MapBusinessCalendarManager calendars = new MapBusinessCalendarManager();
        calendars.addBusinessCalendar(DueDateBusinessCalendar.NAME, new WorkingDayBusinessCalendar(calendar, new DueDateBusinessCalendar()));
        calendars.addBusinessCalendar(DurationBusinessCalendar.NAME, new WorkingDayBusinessCalendar(calendar, new DurationBusinessCalendar()));
        calendars.addBusinessCalendar(CycleBusinessCalendar.NAME, new CycleBusinessCalendar());
        configuration.setBusinessCalendarManager(calendars);
    }
}
