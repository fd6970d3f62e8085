package cn.tuijin.accountability;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.deadline.DeadlineKind;
import cn.tuijin.org.Callers;
import cn.tuijin.org.ProjectScope;
import cn.tuijin.org.QueryFilters;
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
    private final QueryFilters filters;

    AccountabilityController(AccountabilityService accountability, ProjectScope scope, Callers callers, QueryFilters filters) {
        this.accountability = accountability;
        this.scope = scope;
        this.callers = callers;
        this.filters = filters;
    }

    /** A record with its kind in Chinese. */
    record View(long id, String projectCode, String taskName, String kind, String kindLabel, String holderUnitCode,
                String holderUserId, Instant dueAt, Instant detectedAt, Instant completedAt, Integer workingDaysLate,
                String actingUserId) {
    }

    @GetMapping
    List<View> find(@RequestParam(required = false) String project, @RequestParam(required = false) String unit,
                    @RequestParam(required = false) String user, @RequestParam(required = false) String kind,
                    @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Paging paging = new Paging(page, size);
        LocalDate fromDay = QueryFilters.day("from", from);
        LocalDate toDay = QueryFilters.day("to", to);
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            throw new InvalidInputException("to", "「to」（" + toDay + "）不能早于「from」（" + fromDay + "）");
        }
        ProjectScope.Condition visible = scope.unitWork(callers.current(), "project_code", "holder_unit_code");
        return accountability.find(visible, filters.project("project", project), filters.unit("unit", unit),
                        filters.person("user", user, null), QueryFilters.choice("kind", kind, DeadlineKind.class),
                        start(fromDay), start(toDay), paging.offset(), size).stream()
                .map(r -> new View(r.id(), r.projectCode(), r.taskName(), r.kind().name(), r.kind().label(),
                        r.holderUnitCode(), r.holderUserId(), r.dueAt(), r.detectedAt(), r.completedAt(), r.workingDaysLate(),
                        r.actingUserId()))
                .toList();
    }

    private static Instant start(LocalDate day) {
        return day == null ? null : day.atStartOfDay(WorkingDayCalendar.ZONE).toInstant();
    }
}
