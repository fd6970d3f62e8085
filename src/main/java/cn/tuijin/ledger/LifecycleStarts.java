package cn.tuijin.ledger;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import cn.tuijin.notification.NotificationOutbox;
import cn.tuijin.project.LifecycleService;
import cn.tuijin.project.ProjectRepository;
import cn.tuijin.system.EngineClock;
import cn.tuijin.system.SystemActions;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The lifecycles a ledger import has to start ({@code ledger_import_start}). The import queues them in its own
 * transaction; they are then started a chunk at a time, each chunk in one transaction that starts its lifecycles and
 * marks their rows started, so that a go-live ledger of ten thousand projects is not one transaction holding the
 * database for a minute, and its progress can be shown.
 *
 * <p>A chunk locks the rows it takes and skips rows another chunk holds: the importing node's workers, and every node's
 * periodic pass ({@link LedgerSchedule}), share a queue without taking a row twice. A node stopping mid-chunk rolls
 * the chunk back (no lifecycle started, the rows still queued) for the next pass on any node: each lifecycle starts
 * exactly once. A chunk that fails is tried again one project at a time; a project whose lifecycle cannot start is
 * logged, its row marked with the failure and tried again after {@link #RETRY_FAILED}, and the others go on.
 */
@Component
class LifecycleStarts {

    private static final Logger log = LoggerFactory.getLogger(LifecycleStarts.class);
    /** Lifecycles started per transaction; an import of at most this many starts them before it answers. */
    static final int CHUNK = 50;
    static final Duration RETRY_FAILED = Duration.ofMinutes(10);

    private final JdbcTemplate jdbc;
    private final LifecycleService lifecycle;
    private final ProjectRepository projects;
    private final NotificationOutbox outbox;
    private final SystemActions system;
    private final EngineClock clock;
    private final TransactionTemplate transaction;
    private final int threads;
    private final ExecutorService workers;

    LifecycleStarts(JdbcTemplate jdbc, LifecycleService lifecycle, ProjectRepository projects, NotificationOutbox outbox, SystemActions system, EngineClock clock,
                    PlatformTransactionManager transactions, @Value("${tuijin.ledger.start-threads:2}") int threads) {
        this.jdbc = jdbc;
        this.lifecycle = lifecycle;
        this.projects = projects;
        this.outbox = outbox;
        this.system = system;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.threads = Math.max(1, threads);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(this.threads, r -> {
            Thread t = new Thread(r, "lifecycle-start-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        // A chunk in flight is rolled back with its connection; its rows wait for the next pass.
        workers.shutdownNow();
    }

    /** In the import's transaction: queues the lifecycles of these projects. */
    void queue(long importId, List<String> projectCodes, Instant now) {
        List<Object[]> rows = new ArrayList<>(projectCodes.size());
        Timestamp at = Timestamp.from(now);
        for (String code : projectCodes) {
            rows.add(new Object[] {code, importId, at});
        }
        jdbc.batchUpdate("insert into ledger_import_start (project_code, import_id, queued_at) values (?, ?, ?)", rows);
    }

    /**
     * After the import's commit: starts its queued lifecycles, in this thread if they fit in one chunk (the import then
     * answers with them running), else in the background workers (the import's record tells their progress,
     * {@link ImportLog#find}).
     */
    void startQueued(long importId, int count) {
        if (count <= CHUNK) {
            try {
                drain(importId);
            } catch (RuntimeException e) {
                // The ledger is written; what did not start is left for the periodic pass, and the answer says so.
                log.warn("台账导入 {}：全周期流程启动中断，稍后由定时任务继续：{}", importId, e.toString());
            }
            return;
        }
        for (int i = 0; i < threads; i++) {
            workers.submit(() -> {
                try {
                    drain(importId);
                } catch (RuntimeException e) {
                    log.warn("台账导入 {}：全周期流程启动中断，稍后由定时任务继续：{}", importId, e.toString());
                }
            });
        }
    }

    /**
     * Starts queued lifecycles (of this import, or of any with {@code null}) chunk after chunk until none is left to
     * take; returns how many rows it took (started, or marked failed).
     */
    int drain(Long importId) {
        int started = 0;
        int n;
        do {
            n = chunk(importId);
            started += n;
        } while (n != 0);
        announce();
        return started;
    }

    /**
     * Tells the units holding the first tasks of the lifecycles an import started, once per import and unit, when none
     * of its lifecycles is left to start but those that failed: 「台账导入：新增 N 项待办」 with the count per task. The
     * import is marked told in the same transaction, so that of two nodes only one tells.
     */
    void announce() {
        Instant now = clock.now();
        List<Long> done = jdbc.queryForList("""
                select i.id from ledger_import i where i.lifecycle_count > 0 and i.tasks_notified_at is null
                    and not exists (select 1 from ledger_import_start s where s.import_id = i.id and s.started_at is null and s.failed_at is null)
                order by i.id""", Long.class);
        for (long id : done) {
            transaction.executeWithoutResult(tx -> {
                if (jdbc.update("update ledger_import set tasks_notified_at = ? where id = ? and tasks_notified_at is null", Timestamp.from(now), id) == 0) {
                    return;
                }
                Map<String, Map<String, Integer>> perUnit = new TreeMap<>();
                jdbc.query("""
                        select d.holder_unit_code, d.task_name from ledger_import_start s
                            join task_deadline d on d.project_code = s.project_code and d.status = 'OPEN'
                        where s.import_id = ? and s.started_at is not null and d.holder_unit_code is not null""",
                        rs -> {
                            // 「申报签约｜项目名」: what the task is, before the project's name.
                            String name = rs.getString(2);
                            String what = name.contains("｜") ? name.substring(0, name.indexOf('｜')) : name;
                            perUnit.computeIfAbsent(rs.getString(1), u -> new TreeMap<>()).merge(what, 1, Integer::sum);
                        }, id);
                perUnit.forEach((unit, tasks) -> {
                    int total = tasks.values().stream().mapToInt(Integer::intValue).sum();
                    String each = tasks.entrySet().stream().map(t -> t.getKey() + " " + t.getValue() + " 项").collect(Collectors.joining("、"));
                    outbox.add("ledger-import:" + id + ":" + unit, NotificationOutbox.Event.TASK_ASSIGNED, null, unit, null, null,
                            "台账导入：新增 " + total + " 项待办",
                            "重点项目办导入项目台账（第 " + id + " 次导入），本单位新增 " + total + " 项待办：" + each + "。请在推进系统的待办中逐项办理，并在期限内办结。",
                            now);
                });
            });
        }
    }

    /**
     * One transaction: takes up to a chunk of queued rows, starts their lifecycles and marks the rows started; returns
     * how many it took, 0 if none was left. A chunk that fails is retried one row at a time: each row then starts or is
     * marked failed, and is not taken again by this drain.
     */
    private int chunk(Long importId) {
        Instant now = clock.now();
        try {
            Integer n = transaction.execute(tx -> start(take(importId, now, CHUNK, null), now));
            return n == null ? 0 : n;
        } catch (RuntimeException e) {
            List<String> codes = take(importId, now, CHUNK, null, false).stream().map(Queued::projectCode).toList();
            log.warn("台账导入：一批 {} 个项目的全周期流程启动失败，逐个重试：{}", codes.size(), e.toString());
            int started = 0;
            for (String code : codes) {
                try {
                    Integer one = transaction.execute(tx -> start(take(importId, now, 1, code), now));
                    started += one == null ? 0 : one;
                } catch (RuntimeException single) {
                    log.error("台账导入：项目 {} 的全周期流程启动失败，{} 后重试：{}", code, RETRY_FAILED, single.toString());
                    String failure = single.getMessage() == null ? single.getClass().getSimpleName() : single.getMessage();
                    transaction.executeWithoutResult(tx -> jdbc.update("update ledger_import_start set failed_at = ?, failure = ? where project_code = ?",
                            Timestamp.from(now), failure.length() > 1000 ? failure.substring(0, 1000) : failure, code));
                }
            }
            log.info("台账导入：逐个重试启动了 {} 个项目的全周期流程", started);
            return codes.size();
        }
    }

    /**
     * Starts the lifecycles of the rows taken and marks them started. Their new tasks are not announced one by one: the
     * import tells each unit once ({@link #announce}). A row retried after a failure may come after that, so its task
     * is announced as usual.
     */
    private int start(List<Queued> rows, Instant now) {
        if (rows.isEmpty()) {
            return 0;
        }
        List<String> codes = rows.stream().map(Queued::projectCode).toList();
        projects.reading(codes, () -> {
            for (Queued row : rows) {
                if (row.failedBefore()) {
                    system.asSystem(() -> lifecycle.start(row.projectCode()));
                } else {
                    outbox.withoutNewTaskNotices(() -> system.asSystem(() -> lifecycle.start(row.projectCode())));
                }
            }
            return null;
        });
        Timestamp at = Timestamp.from(now);
        jdbc.batchUpdate("update ledger_import_start set started_at = ?, failed_at = null, failure = null where project_code = ?",
                codes.stream().map(c -> new Object[] {at, c}).toList());
        return rows.size();
    }

    /** A queued lifecycle: its project, and whether an earlier try failed. */
    private record Queued(String projectCode, boolean failedBefore) {
    }

    private List<Queued> take(Long importId, Instant now, int limit, String code) {
        return take(importId, now, limit, code, true);
    }

    /** Rows to start (not failed lately), oldest import first; locked, skipping locked ones, if {@code lock}. */
    private List<Queued> take(Long importId, Instant now, int limit, String code, boolean lock) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select project_code, failed_at from ledger_import_start where started_at is null"
                + " and (failed_at is null or failed_at < ?)");
        args.add(Timestamp.from(now.minus(RETRY_FAILED)));
        if (importId != null) {
            sql.append(" and import_id = ?");
            args.add(importId);
        }
        if (code != null) {
            sql.append(" and project_code = ?");
            args.add(code);
        }
        sql.append(" order by started_at, import_id, project_code fetch first ? rows only");
        args.add(limit);
        if (lock) {
            sql.append(" for update skip locked");
        }
        return jdbc.query(sql.toString(), (rs, i) -> new Queued(rs.getString(1), rs.getTimestamp(2) != null), args.toArray());
    }
}
