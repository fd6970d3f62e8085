package cn.tuijin.dashboard;

import java.util.List;

import cn.tuijin.deadline.DeadlineKind;
import cn.tuijin.org.QueryFilters;
import cn.tuijin.org.Role;
import cn.tuijin.project.Category;
import cn.tuijin.project.Stage;
import cn.tuijin.system.Paging;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The supervisor dashboard's data: counts, the overdue list, a project's timeline and diagram.
 * For supervisors, the project office and leaders only.
 */
@RestController
@RequestMapping("/api/dashboard")
class DashboardController {

    private final DashboardService dashboard;
    private final ProjectTimeline timeline;
    private final DashboardAccess access;
    private final QueryFilters filters;

    DashboardController(DashboardService dashboard, ProjectTimeline timeline, DashboardAccess access, QueryFilters filters) {
        this.dashboard = dashboard;
        this.timeline = timeline;
        this.access = access;
        this.filters = filters;
    }

    /** A page of the overdue list and the total matching the filters. */
    record OverduePage(int total, int page, int size, List<OverdueItem> items) {
    }

    @GetMapping("/summary")
    DashboardSummary summary() {
        return dashboard.summary(access.leaderLimit(null));
    }

    @GetMapping("/overdue")
    OverduePage overdue(@RequestParam(required = false) String district, @RequestParam(required = false) String unit,
                        @RequestParam(required = false) String leader, @RequestParam(required = false) String category,
                        @RequestParam(required = false) String stage, @RequestParam(required = false) String kind,
                        @RequestParam(required = false) String sort, @RequestParam(defaultValue = "0") int page,
                        @RequestParam(defaultValue = "50") int size) {
        String onlyLeader = access.leaderLimit(leader);
        Paging paging = new Paging(page, size);
        OverdueFilter filter = new OverdueFilter(filters.district("district", district), filters.unit("unit", unit),
                onlyLeader != null ? onlyLeader : filters.person("leader", leader, Role.LEADER),
                name(QueryFilters.choice("category", category, Category.class)),
                name(QueryFilters.choice("stage", stage, Stage.class)), name(QueryFilters.choice("kind", kind, DeadlineKind.class)),
                QueryFilters.given(sort));
        return new OverduePage(dashboard.overdueCount(filter), page, size, dashboard.overdue(filter, paging.offset(), size));
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    @GetMapping("/projects/{code}/timeline")
    List<TimelineEntry> timeline(@PathVariable String code) {
        access.requireProject(code);
        return timeline.timeline(code);
    }

    @GetMapping("/projects/{code}/diagram")
    ProjectTimeline.Diagram diagram(@PathVariable String code) {
        access.requireProject(code);
        return timeline.diagram(code);
    }
}
