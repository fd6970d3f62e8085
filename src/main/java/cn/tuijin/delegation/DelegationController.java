package cn.tuijin.delegation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import cn.tuijin.org.Callers;
import cn.tuijin.system.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * 委托代理 over HTTP, for the caller himself: his delegations, whom he may name, the tasks he works for someone else;
 * naming a delegate; ending a delegation early. Tasklist's 「委托代理」 dialog calls it with its session.
 */
@RestController
class DelegationController {

    private final DelegationService delegations;
    private final Callers callers;

    DelegationController(DelegationService delegations, Callers callers) {
        this.delegations = delegations;
        this.callers = callers;
    }

    record View(long id, String delegatorId, String delegatorName, String delegateId, String delegateName, LocalDate from,
                LocalDate to, String reason, String reasonLabel, String note, boolean inForce, Instant endedAt, String endedBy) {
    }

    record Person(String id, String name) {
    }

    record Reason(String code, String label) {
    }

    /** A task worked for someone away, and the card's words: 「代 王建国 办理」. */
    record ActingTask(String taskId, String delegatorId, String delegatorName, String label) {
    }

    /** The caller's desk: his delegations current or to come, those he acts under, whom he may name, the reasons. */
    record Desk(LocalDate today, List<View> delegations, List<View> actingFor, List<ActingTask> tasks, List<Person> colleagues,
                List<Reason> reasons) {
    }

    @GetMapping("/api/delegations/mine")
    Desk mine() {
        String me = callers.current().userId();
        return new Desk(delegations.today(), delegations.currentOf(me).stream().map(this::view).toList(),
                delegations.actingUnder(me).stream().map(this::view).toList(),
                delegations.tasksActingFor(me).stream().map(t -> {
                    String name = delegations.name(t.getOwner());
                    return new ActingTask(t.getId(), t.getOwner(), name, "代 " + name + " 办理");
                }).toList(),
                delegations.choices(me).stream().map(p -> new Person(p.id(), p.name())).toList(),
                Arrays.stream(DelegationReason.values()).map(r -> new Reason(r.name(), r.label())).toList());
    }

    @PostMapping("/api/delegations")
    @ResponseStatus(HttpStatus.CREATED)
    View delegate(@RequestBody(required = false) DelegationService.Request request) {
        return view(delegations.delegate(callers.current().userId(), request));
    }

    @PostMapping("/api/delegations/{id}/end")
    View end(@PathVariable String id) {
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("id", "委托编号须为整数");
        }
        return view(delegations.end(callers.current().userId(), number));
    }

    private View view(Delegation d) {
        return new View(d.id(), d.delegatorId(), delegations.name(d.delegatorId()), d.delegateId(), delegations.name(d.delegateId()),
                d.startsOn(), d.endsOn(), d.reason().name(), d.reason().label(), d.note(), d.inForceOn(delegationsToday()),
                d.endedAt(), d.endedBy());
    }

    private LocalDate delegationsToday() {
        return delegations.today();
    }
}
