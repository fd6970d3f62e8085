package cn.tuijin.desk;

import java.time.Instant;
import java.util.List;

import cn.tuijin.org.Caller;
import cn.tuijin.org.Callers;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.org.Person;
import cn.tuijin.org.ProjectScope;
import cn.tuijin.org.Role;
import cn.tuijin.org.Unit;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * 抄送 over HTTP: copy a project or an issue to a person or a unit; 「抄送我的」 with its unread count; open one
 * (marks it read); the units and people to choose from, by name; what a task in Tasklist would copy.
 */
@RestController
class CopyController {

    private final CopyService copies;
    private final CopySummaries summaries;
    private final DeskTasks tasks;
    private final Callers callers;
    private final OrgDirectory org;
    private final ProjectScope scope;

    CopyController(CopyService copies, CopySummaries summaries, DeskTasks tasks, Callers callers, OrgDirectory org,
                   ProjectScope scope) {
        this.copies = copies;
        this.summaries = summaries;
        this.tasks = tasks;
        this.callers = callers;
        this.org = org;
        this.scope = scope;
    }

    /** A copy as the API shows it, names beside the ids; {@code summary} only when it is opened. */
    record View(long id, String subjectKind, String subjectKindLabel, String subjectCode, String title, String projectCode,
                String projectName, String recipientKind, String recipient, String recipientName, String note, String sentBy,
                String sentByName, Instant sentAt, boolean read, Instant readAt, CopySummaries.Summary summary) {
    }

    /** 「抄送我的」: the copies, newest first, and how many are unread. */
    record Mine(int unread, List<View> items) {
    }

    record Unread(int unread) {
    }

    /** Whom a copy may go to, by name. */
    record Recipients(List<Choice> units, List<Choice> people) {
    }

    record Choice(String id, String name, String detail) {
    }

    /** What copying from a task copies: its project and, for an issue's task, the issue; and whether the caller may. */
    record TaskSubject(String taskId, String projectCode, String projectName, String issueCode, boolean mayCopy, String refusal) {
    }

    @PostMapping("/api/copies")
    @ResponseStatus(HttpStatus.CREATED)
    View send(@RequestBody(required = false) CopyService.Ask ask) {
        return view(copies.send(callers.current(), ask), false);
    }

    @GetMapping("/api/copies/mine")
    Mine mine() {
        Caller caller = callers.current();
        return new Mine(copies.unread(caller), copies.mine(caller).stream().map(c -> view(c, false)).toList());
    }

    @GetMapping("/api/copies/mine/unread")
    Unread unread() {
        return new Unread(copies.unread(callers.current()));
    }

    @PostMapping("/api/copies/{id}/read")
    View open(@PathVariable long id) {
        return view(copies.open(callers.current(), id), true);
    }

    @GetMapping("/api/copies/recipients")
    Recipients recipients() {
        List<Unit> units = org.units();
        List<Choice> unitChoices = units.stream().map(u -> new Choice(u.code(), u.name(), null)).toList();
        List<Choice> people = org.people().stream()
                .map(p -> new Choice(p.id(), p.name(), detail(p, units))).toList();
        return new Recipients(unitChoices, people);
    }

    @GetMapping("/api/tasks/{taskId}/copy-subject")
    TaskSubject taskSubject(@PathVariable String taskId) {
        Caller caller = callers.current();
        DeskTasks.Known known = tasks.find(taskId).orElseThrow(() ->
                new cn.tuijin.system.NotFoundException("taskId", "任务 " + cn.tuijin.system.TextInput.shown(taskId) + " 不存在"));
        OpenTask t = known.task();
        scope.require(caller, t.projectCode());
        String refusal = null;
        if (!caller.is(Role.PROJECT_OFFICE) && !caller.is(Role.LEADER)) {
            refusal = "只有重点项目办和分包领导可以抄送项目或问题";
        } else if (!caller.is(Role.PROJECT_OFFICE) && !copies.leads(caller, t.projectCode())) {
            refusal = "分包领导只能抄送其分包的项目（及其问题）";
        }
        return new TaskSubject(taskId, t.projectCode(), summaries.projectName(t.projectCode()), t.issueCode(), refusal == null, refusal);
    }

    private View view(Copy c, boolean withSummary) {
        String recipientName = c.recipientKind() == Copy.RecipientKind.UNIT
                ? org.unit(c.recipient()).map(Unit::name).orElse(c.recipient())
                : org.person(c.recipient()).map(Person::name).orElse(c.recipient());
        return new View(c.id(), c.subjectKind().name(), c.subjectKind().label(), c.subjectCode(), summaries.title(c), c.projectCode(),
                summaries.projectName(c.projectCode()), c.recipientKind().name(), c.recipient(), recipientName, c.note(), c.sentBy(),
                org.person(c.sentBy()).map(Person::name).orElse(c.sentBy()), c.sentAt(), c.readAt() != null, c.readAt(),
                withSummary ? summaries.of(c) : null);
    }

    private static String detail(Person p, List<Unit> units) {
        String unit = p.unitCode() == null ? null
                : units.stream().filter(u -> u.code().equals(p.unitCode())).map(Unit::name).findFirst().orElse(p.unitCode());
        return unit != null ? unit : p.role().label();
    }
}
