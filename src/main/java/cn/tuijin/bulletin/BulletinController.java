package cn.tuijin.bulletin;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.tuijin.org.Groups;
import cn.tuijin.org.QueryFilters;
import cn.tuijin.system.ForbiddenException;
import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.SystemActions;
import cn.tuijin.system.TextInput;
import com.fasterxml.jackson.annotation.JsonRawValue;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Monthly bulletins over HTTP: a supervisor asks for a month's bulletin; everyone logged in reads the published ones
 * as JSON, as a workbook, or on the printable page {@code /bulletins/view.html?id=…}.
 */
@RestController
class BulletinController {

    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final BulletinService bulletins;
    private final BulletinWorkbook workbook;
    private final RuntimeService runtime;
    private final SystemActions system;

    BulletinController(BulletinService bulletins, BulletinWorkbook workbook, RuntimeService runtime, SystemActions system) {
        this.bulletins = bulletins;
        this.workbook = workbook;
        this.runtime = runtime;
        this.system = system;
    }

    /** What a supervisor sends: the month, yyyy-MM. */
    record Request(String period) {
    }

    /** A published bulletin in the list. */
    record Summary(long id, String number, String period, String title, String requestedBy, Instant compiledAt,
                   Instant publishedAt, int projectCount, String page, String workbook) {

        static Summary of(BulletinRepository.Stored b) {
            return new Summary(b.id(), b.number(), b.period().toString(), BulletinService.title(b.period()), b.requestedBy(),
                    b.compiledAt(), b.publishedAt(), b.projectCount(), "/bulletins/view.html?id=" + b.id(),
                    "/api/bulletins/" + b.id() + ".xlsx");
        }
    }

    /** A published bulletin with its figures exactly as stored at publication. */
    record View(long id, String number, String period, String title, String requestedBy, Instant compiledAt,
                Instant publishedAt, int projectCount, String workbook, @JsonRawValue String figures) {
    }

    /** A request accepted: the bulletin is being compiled by the process. */
    record Accepted(String period, String processInstanceId, String status, String message) {
    }

    @PostMapping("/api/bulletins")
    ResponseEntity<Object> request(@RequestBody(required = false) Request request) {
        Authentication user = system.currentUser();
        if (user == null || user.getGroupIds() == null || !user.getGroupIds().contains(Groups.SUPERVISORS)) {
            throw new ForbiddenException("只有督查室可以发布通报");
        }
        if (request == null) {
            throw new InvalidInputException("body", "请提交通报月份（JSON：{\"period\": \"2026-10\"}）");
        }
        YearMonth period = bulletins.parsePeriod(request.period());
        Optional<BulletinRepository.Stored> published = bulletins.published(period);
        if (published.isPresent()) {
            return ResponseEntity.ok(Summary.of(published.get()));
        }
        ProcessInstance instance = system.asSystem(() -> beingCompiled(period)
                .orElseGet(() -> runtime.startProcessInstanceByMessage(MonthlyBulletin.REQUESTED, period.toString(), Map.of(
                        MonthlyBulletin.Var.PERIOD, period.toString(), MonthlyBulletin.Var.REQUESTED_BY, user.getUserId()))));
        return ResponseEntity.accepted().location(URI.create("/api/bulletins?period=" + period))
                .body(new Accepted(period.toString(), instance.getId(), "编制中",
                        BulletinService.title(period) + "正在汇总，发布后可在通报列表中查看"));
    }

    /** The instance compiling the month's bulletin right now, if one is. */
    private Optional<ProcessInstance> beingCompiled(YearMonth period) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(MonthlyBulletin.KEY)
                .processInstanceBusinessKey(period.toString()).active().listPage(0, 1).stream().findFirst();
    }

    @GetMapping("/api/bulletins")
    List<Summary> list(@RequestParam(required = false) String period) {
        String month = QueryFilters.given(period);
        if (month != null && !month.matches("[0-9]{4}-(0[1-9]|1[0-2])")) {
            throw new InvalidInputException("period", "「period」应为月份（年-月，如 2026-10），收到“" + TextInput.shown(month) + "”");
        }
        return bulletins.published().stream()
                .filter(b -> month == null || b.period().toString().equals(month))
                .map(Summary::of).toList();
    }

    @GetMapping("/api/bulletins/{id:\\d+}")
    View get(@PathVariable long id) {
        BulletinRepository.Stored b = bulletins.get(id);
        return new View(b.id(), b.number(), b.period().toString(), BulletinService.title(b.period()), b.requestedBy(), b.compiledAt(),
                b.publishedAt(), b.projectCount(), "/api/bulletins/" + b.id() + ".xlsx", b.figures());
    }

    @GetMapping("/api/bulletins/{id:\\d+}.xlsx")
    ResponseEntity<byte[]> workbook(@PathVariable long id) {
        BulletinFigures figures = bulletins.figures(id);
        byte[] bytes = workbook.write(BulletinService.title(YearMonth.parse(figures.period())), bulletins.get(id).number(), figures);
        String file = "通报-" + figures.period() + ".xlsx";
        return ResponseEntity.status(HttpStatus.OK).contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file, StandardCharsets.UTF_8).build().toString())
                .body(bytes);
    }
}
