package cn.tuijin;

import java.util.TimeZone;

import cn.tuijin.calendar.WorkingDayCalendar;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Tuijin (推进): approval and issue escalation for key-project supervision, on Camunda 7.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TuijinApplication {

    public static void main(String[] args) {
        // Timer cycles (cron) and task dates in Tasklist follow the JVM zone: the product works in Beijing time.
        TimeZone.setDefault(TimeZone.getTimeZone(WorkingDayCalendar.ZONE));
        SpringApplication.run(TuijinApplication.class, args);
    }
}
