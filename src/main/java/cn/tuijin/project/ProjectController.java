package cn.tuijin.project;

import java.util.List;

import cn.tuijin.org.Callers;
import cn.tuijin.org.ProjectScope;
import cn.tuijin.org.QueryFilters;
import cn.tuijin.system.NotFoundException;
import cn.tuijin.system.Paging;
import cn.tuijin.system.TextInput;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The project ledger over HTTP: the list with filters, and one project with its approvals, claims and reports; each
 * caller sees the projects of {@link ProjectScope}.
 */
@RestController
@RequestMapping("/api/projects")
class ProjectController {

    private final ProjectRepository projects;
    private final ApprovalService approvals;
    private final ClaimRepository claims;
    private final MonthlyReportService reports;
    private final ProjectScope scope;
    private final Callers callers;
    private final QueryFilters filters;

    ProjectController(ProjectRepository projects, ApprovalService approvals, ClaimRepository claims, MonthlyReportService reports,
                      ProjectScope scope, Callers callers, QueryFilters filters) {
        this.scope = scope;
        this.callers = callers;
        this.projects = projects;
        this.filters = filters;
        this.approvals = approvals;
        this.claims = claims;
        this.reports = reports;
    }

    @GetMapping
    List<ProjectView> list(@RequestParam(required = false) String unit, @RequestParam(required = false) String district,
                           @RequestParam(required = false) String stage, @RequestParam(defaultValue = "0") int page,
                           @RequestParam(defaultValue = "50") int size) {
        Paging paging = new Paging(page, size);
        return projects.list(scope.projects(callers.current(), "code"), filters.unit("unit", unit),
                        filters.district("district", district), QueryFilters.choice("stage", stage, Stage.class), paging.offset(), size)
                .stream()
                .map(p -> ProjectView.summary(p, projects.cooperatingUnits(p.code())))
                .toList();
    }

    @GetMapping("/{code}")
    ProjectView get(@PathVariable String code) {
        scope.require(callers.current(), code);
        Project p = projects.find(code).orElseThrow(() -> new NotFoundException("code", "项目 " + TextInput.shown(code) + " 不存在"));
        return ProjectView.of(p, projects.cooperatingUnits(code), approvals.forProject(code), claims.forProject(code),
                reports.forProject(code));
    }
}
