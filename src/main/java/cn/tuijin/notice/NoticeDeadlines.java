package cn.tuijin.notice;

import java.util.Map;

import cn.tuijin.deadline.DeadlinePolicy.Window;
import cn.tuijin.deadline.DeadlineWindows;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a unit has to answer a supervision notice (限期整改), in working days, and how early the warning window
 * opens. Read from {@code tuijin.deadlines.notice}.
 */
@ConfigurationProperties("tuijin.deadlines")
public record NoticeDeadlines(@DefaultValue Window notice) implements DeadlineWindows {

    @Override
    public Map<String, Window> windows() {
        return Map.of("NOTICE", notice);
    }
}
