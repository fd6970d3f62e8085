package cn.tuijin.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import cn.tuijin.org.Callers;
import cn.tuijin.project.ProjectScope;
import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.Paging;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Accountability records over HTTP, by project, unit, person, kind and period: an officer reads his unit's, a
 * contracting leader those of his projects, the project office, supervisors, the committee and administrators all.
 * Read only: there is no way to edit or delete one.
 */
@RestController
@RequestMapping("/api/accountability")
class AccountabilityController {

    private final AccountabilityService accountability;
    private final ProjectScope scope;
    private final Callers callers;

    AccountabilityController(AccountabilityService accountability, ProjectScope scope, Callers callers) {
        this.accountability = accountability;
        this.scope = scope;
        this.callers = callers;
    }

    /** A record with its kind in Chinese. */
    record View(long id, String projectCode, String taskName, String kind, String kindLabel, String holderUnitCode,
                String holderUserId, Instant dueAt, Instant detectedAt, Instant completedAt, Integer workingDaysLate) {
    }

    @GetMapping
    List<View> find(@RequestParam(required = false) String project, @RequestParam(required = false) String unit,
                    @RequestParam(required = false) String user, @RequestParam(required = false) String kind,
                    @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Paging paging = new Paging(page, size);
        DeadlineKind k = null;
        if (kind != null) {
            try {
                k = DeadlineKind.valueOf(kind);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("kind", "未知的期限类别：" + kind);
            }
        }
        ProjectScope.Condition visible = scope.unitWork(callers.current(), "project_code", "holder_unit_code");
        return accountability.find(visible, project, unit, user, k, day(from, "from"), day(to, "to"), paging.offset(), size).stream()
                .map(r -> new View(r.id(), r.projectCode(), r.taskName(), r.kind().name(), r.kind().label(),
                        r.holderUnitCode(), r.holderUserId(), r.dueAt(), r.detectedAt(), r.completedAt(), r.workingDaysLate()))
                .toList();
    }

    private static Instant day(String text, String field) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text).atStartOfDay(WorkingDayCalendar.ZONE).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "「" + field + "」不是有效日期（格式：年-月-日）");
        }
    }
}
