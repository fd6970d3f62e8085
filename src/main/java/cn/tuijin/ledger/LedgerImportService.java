package cn.tuijin.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.project.LifecycleService;
import cn.tuijin.project.Milestone;
import cn.tuijin.project.Project;
import cn.tuijin.project.ProjectRepository;
import cn.tuijin.project.Stage;
import cn.tuijin.system.EngineClock;
import cn.tuijin.system.SystemActions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * Imports the project ledger from a spreadsheet, all or nothing: reads and checks every row, plans what each row
 * does to the ledger (create, or update by code), and — unless it is a dry run or anything is wrong — writes it and
 * its record in one transaction, queueing the lifecycles to start (new projects at their stage, reserve projects moved
 * on); then starts them ({@link LifecycleStarts}: before answering if they are few, else in chunks in the background).
 */
@Service
class LedgerImportService {

    private static final Logger log = LoggerFactory.getLogger(LedgerImportService.class);
    /** The answer lists at most this many problems (and says how many there are). */
    static final int MAX_LISTED_PROBLEMS = 1000;
    /**
     * A project imported at 竣工 without a planned operation date (计划投产（投用）日期) is due to claim it this many
     * working days after the import (about three months), never on the day of the import.
     */
    static final int DEFAULT_OPERATION_WORKING_DAYS = 60;

    private final OrgDirectory org;
    private final ProjectRepository projects;
    private final LedgerQueries queries;
    private final LifecycleService lifecycle;
    private final SystemActions system;
    private final TransactionTemplate tx;
    private final ImportLog importLog;
    private final EngineClock clock;
    private final WorkingDayCalendar calendar;
    private final LifecycleStarts starts;
    private final int maxRows;
    private final long maxBytes;

    LedgerImportService(OrgDirectory org, ProjectRepository projects, LedgerQueries queries, LifecycleService lifecycle,
                        SystemActions system, TransactionTemplate tx, ImportLog importLog, EngineClock clock,
                        WorkingDayCalendar calendar, LifecycleStarts starts, @Value("${tuijin.ledger.max-rows:50000}") int maxRows,
                        @Value("${tuijin.ledger.max-file-size:10MB}") DataSize maxFileSize) {
        this.org = org;
        this.projects = projects;
        this.queries = queries;
        this.lifecycle = lifecycle;
        this.system = system;
        this.tx = tx;
        this.importLog = importLog;
        this.clock = clock;
        this.calendar = calendar;
        this.starts = starts;
        this.maxRows = maxRows;
        this.maxBytes = maxFileSize.toBytes();
    }

    /**
     * Reads, checks and plans the file; commits it unless {@code dryRun}. A commit with any problem is refused.
     * {@code pastDeadlines}: what becomes of the milestones of the projects it starts that are planned before today.
     */
    ImportResult importFile(Path file, String fileName, boolean dryRun, String user, PastDeadlines pastDeadlines) throws IOException {
        if (Files.size(file) > maxBytes) {
            throw new LedgerRejectedException("文件过大：上限为 " + DataSize.ofBytes(maxBytes).toMegabytes() + " MB，请删去无关的工作表或分成几个文件导入");
        }
        OrgNames names = OrgNames.load(org);
        List<Problem> problems = new ArrayList<>();
        List<LedgerRow> rows = new ArrayList<>();
        Map<String, Integer> firstRowOfCode = new HashMap<>();
        LedgerSheetReader.Result sheet = new LedgerSheetReader(maxRows).read(file, header -> {
            RowValidator validator = new RowValidator(names, header.date1904(), header.columns().keySet());
            return data -> {
                RowValidator.Checked checked = validator.check(data, problems);
                if (checked.code() != null) {
                    Integer first = firstRowOfCode.putIfAbsent(checked.code(), data.number());
                    if (first != null) {
                        problems.add(Problem.of(data.number(), LedgerColumn.CODE, "项目编号「" + checked.code() + "」与第 " + first + " 行重复"));
                        return;
                    }
                }
                if (checked.row() != null) {
                    rows.add(checked.row());
                }
            };
        });
        problems.addAll(sheet.problems());
        Plan plan = plan(rows, names, problems);
        problems.sort(Comparator.comparing(Problem::row, Comparator.nullsFirst(Comparator.naturalOrder())));
        List<Problem> listed = problems.size() > MAX_LISTED_PROBLEMS ? problems.subList(0, MAX_LISTED_PROBLEMS) : problems;
        ImportResult result = new ImportResult(dryRun, problems.isEmpty(), null, sheet.sheetName(), sheet.dataRows(),
                plan.created, plan.updated, plan.unchanged, plan.pastDeadlines, pastDeadlines.name(),
                pastDeadlines.note(plan.pastDeadlines, true), plan.lifecycles().size(), 0, problems.size(), List.copyOf(listed));
        if (dryRun) {
            return result;
        }
        if (!problems.isEmpty()) {
            throw new LedgerRejectedException("导入被拒绝：发现 " + problems.size() + " 处问题，未写入任何数据。请改正后重新导入", listed);
        }
        return commit(result, plan, file, fileName, user, pastDeadlines);
    }

    /** What each checked row does to the ledger; problems of moving stages or units of running projects are added. */
    private Plan plan(List<LedgerRow> rows, OrgNames names, List<Problem> problems) {
        Plan plan = new Plan();
        Set<String> existing = queries.projectCodes();
        LocalDate today = clock.today();
        for (LedgerRow given : rows) {
            if (!existing.contains(given.code())) {
                String note = null;
                LedgerRow row = given;
                if (row.stage() == Stage.COMPLETED && row.plannedOperationDate() == null) {
                    row = given.withPlannedOperation(defaultOperation(today));
                    note = defaultOperationNote(row.plannedOperationDate());
                }
                Project project = row.newProject();
                List<String> past = hasLifecycle(row.stage()) ? pastMilestones(project, today) : List.of();
                plan.pastDeadlines += past.size();
                plan.created.add(new ImportResult.Created(row.row(), row.code(), row.name(), project.stageLabel(),
                        hasLifecycle(row.stage()), past, note));
                plan.newProjects.add(row);
                continue;
            }
            LedgerRow row = given;
            Project before = projects.find(row.code()).orElseThrow();
            Stage stage = before.stage();
            boolean starts = false;
            if (row.stage() != before.stage()) {
                if (before.stage() == Stage.RESERVE) {
                    stage = row.stage();
                    starts = hasLifecycle(stage);
                } else {
                    problems.add(Problem.of(row.row(), LedgerColumn.STAGE, "项目当前阶段为「" + before.stageLabel() + "」，导入不能改为「"
                            + row.newProject().stageLabel() + "」：阶段由责任单位申报、重点项目办核验推进（只有储备项目可由台账转入在谈、签约等阶段）。"
                            + "请把「当前阶段」改回「" + before.stageLabel() + "」"));
                    continue;
                }
            }
            Project after = row.applyTo(before, stage);
            String note = null;
            if (starts && stage == Stage.COMPLETED && after.plannedOperationDate() == null) {
                LocalDate operation = defaultOperation(today);
                after = withOperation(after, operation);
                note = defaultOperationNote(operation);
            }
            List<String> cooperatingBefore = projects.cooperatingUnits(row.code());
            List<String> cooperatingAfter = row.cooperatingUnits() != null ? row.cooperatingUnits() : cooperatingBefore;
            if (!after.leadUnitCode().equals(before.leadUnitCode()) && system.asSystem(() -> lifecycle.isRunning(row.code()))) {
                problems.add(Problem.of(row.row(), LedgerColumn.LEAD_UNIT, "项目的全周期流程正在运行，待办已分派给「" + names.unitName(before.leadUnitCode())
                        + "」，不会随导入转给「" + names.unitName(after.leadUnitCode()) + "」，因此导入不能更换牵头责任单位；请把这一格改回原单位"));
                continue;
            }
            List<String> changes = ProjectChanges.between(before, cooperatingBefore, after, cooperatingAfter);
            if (changes.isEmpty()) {
                plan.unchanged.add(new ImportResult.Unchanged(row.row(), row.code()));
            } else {
                List<String> past = starts ? pastMilestones(after, today) : List.of();
                plan.pastDeadlines += past.size();
                plan.updated.add(new ImportResult.Updated(row.row(), row.code(), changes, starts, past, note));
                plan.changed.add(new Change(after, cooperatingAfter, starts));
            }
        }
        return plan;
    }

    /** The milestones still ahead of the project at its stage whose planned day is before today, as 「计划开工日期 2026-03-01」. */
    static List<String> pastMilestones(Project project, LocalDate today) {
        List<String> past = new ArrayList<>();
        for (Milestone m : Milestone.values()) {
            LocalDate planned = project.plannedDate(m);
            if (m.reached().compareTo(project.stage()) > 0 && planned != null && planned.isBefore(today)) {
                past.add(column(m).header() + " " + planned);
            }
        }
        return past;
    }

    private static LedgerColumn column(Milestone m) {
        return switch (m) {
            case SIGNING -> LedgerColumn.PLANNED_SIGN;
            case START -> LedgerColumn.PLANNED_START;
            case COMPLETION -> LedgerColumn.PLANNED_COMPLETION;
            case OPERATION -> LedgerColumn.PLANNED_OPERATION;
        };
    }

    private LocalDate defaultOperation(LocalDate today) {
        return calendar.addWorkingDays(today, DEFAULT_OPERATION_WORKING_DAYS);
    }

    private static String defaultOperationNote(LocalDate day) {
        return "未填计划投产（投用）日期：投产（投用）申报期限按导入之日起 " + DEFAULT_OPERATION_WORKING_DAYS + " 个工作日计，为 " + day;
    }

    private static Project withOperation(Project p, LocalDate operation) {
        return new Project(p.code(), p.name(), p.content(), p.category(), p.level(), p.districtCode(), p.leadUnitCode(),
                p.leaderId(), p.totalInvestment(), p.annualPlanInvestment(), p.plannedSignDate(), p.plannedStartDate(),
                p.plannedCompletionDate(), operation, p.actualSignDate(), p.actualStartDate(), p.actualCompletionDate(),
                p.actualOperationDate(), p.stage());
    }

    private ImportResult commit(ImportResult planned, Plan plan, Path file, String fileName, String user,
                                PastDeadlines pastDeadlines) throws IOException {
        String sha256 = sha256(file);
        boolean excuse = pastDeadlines == PastDeadlines.BEFORE_IMPORT;
        List<String> lifecycles = plan.lifecycles();
        try {
            Long id = tx.execute(status -> {
                var now = clock.now();
                Map<String, List<String>> cooperating = new HashMap<>();
                Set<String> excused = new java.util.HashSet<>();
                for (LedgerRow row : plan.newProjects) {
                    cooperating.put(row.code(), row.cooperatingUnits() == null ? List.of() : row.cooperatingUnits());
                    if (excuse && hasLifecycle(row.stage())) {
                        excused.add(row.code());
                    }
                }
                projects.insertImported(plan.newProjects.stream().map(LedgerRow::newProject).toList(), cooperating, excused, now);
                for (Change change : plan.changed) {
                    projects.updateLedger(change.project(), change.cooperatingUnits(), now);
                    projects.imported(change.project().code(), now, false, excuse && change.startsLifecycle());
                }
                long importId = importLog.record(user, now, fileName, sha256, planned, pastDeadlines);
                starts.queue(importId, lifecycles, now);
                return importId;
            });
            starts.startQueued(id, lifecycles.size());
            int pending = lifecycles.isEmpty() ? 0
                    : importLog.find(id).map(e -> e.lifecycles() - e.lifecyclesStarted()).orElse(0);
            log.info("台账导入 {}：{} 导入「{}」，新建 {}、更新 {}、未变 {} 个项目，启动全周期流程 {} 个（待启动 {}）；{}", id, user, fileName,
                    planned.created().size(), planned.updated().size(), planned.unchanged().size(), lifecycles.size(), pending,
                    pastDeadlines.note(plan.pastDeadlines, false));
            return new ImportResult(false, true, id, planned.sheet(), planned.rows(), planned.created(), planned.updated(),
                    planned.unchanged(), plan.pastDeadlines, pastDeadlines.name(), pastDeadlines.note(plan.pastDeadlines, false),
                    lifecycles.size(), pending, 0, List.of());
        } catch (DuplicateKeyException e) {
            throw new LedgerRejectedException("另一次导入刚刚写入了同样编号的项目，本次未写入任何数据，请重新导入（已有的项目会按编号更新）");
        }
    }

    /** Stages with a lifecycle to run: 储备 has not begun, 投产/投用 is done. */
    static boolean hasLifecycle(Stage stage) {
        return stage != Stage.RESERVE && stage != Stage.OPERATING;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Change(Project project, List<String> cooperatingUnits, boolean startsLifecycle) {
    }

    private static final class Plan {
        final List<ImportResult.Created> created = new ArrayList<>();
        final List<ImportResult.Updated> updated = new ArrayList<>();
        final List<ImportResult.Unchanged> unchanged = new ArrayList<>();
        final List<LedgerRow> newProjects = new ArrayList<>();
        final List<Change> changed = new ArrayList<>();
        int pastDeadlines;

        /** The projects whose lifecycle the import starts, in the sheet's order. */
        List<String> lifecycles() {
            List<String> codes = new ArrayList<>();
            newProjects.stream().filter(r -> hasLifecycle(r.stage())).forEach(r -> codes.add(r.code()));
            changed.stream().filter(Change::startsLifecycle).forEach(c -> codes.add(c.project().code()));
            return codes;
        }
    }
}
