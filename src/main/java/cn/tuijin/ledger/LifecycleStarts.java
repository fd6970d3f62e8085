package cn.tuijin.ledger;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

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
 * takes their rows off the queue, so that a go-live ledger of ten thousand projects is not one transaction holding the
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
    private final SystemActions system;
    private final EngineClock clock;
    private final TransactionTemplate transaction;
    private final int threads;
    private final ExecutorService workers;

    LifecycleStarts(JdbcTemplate jdbc, LifecycleService lifecycle, ProjectRepository projects, SystemActions system, EngineClock clock,
                    PlatformTransactionManager transactions, @Value("${tuijin.ledger.start-threads:2}") int threads) {
        this.jdbc = jdbc;
        this.lifecycle = lifecycle;
        this.projects = projects;
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
     * answers with them running), else in the background workers, whose progress {@link #pending} tells.
     */
    void startQueued(long importId, int count) {
        if (count <= CHUNK) {
            drain(importId);
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
        return started;
    }

    /** How many lifecycles of the import are still queued, and how many of those failed to start. */
    Pending pending(long importId) {
        return jdbc.queryForObject("select count(*), count(failed_at) from ledger_import_start where import_id = ?",
                (rs, i) -> new Pending(rs.getInt(1), rs.getInt(2)), importId);
    }

    record Pending(int queued, int failed) {
    }

    /**
     * One transaction: takes up to a chunk of queued rows, starts their lifecycles and deletes the rows; returns how many
     * it took, 0 if none was left. A chunk that fails is retried one row at a time: each row then starts or is marked
     * failed, and is not taken again by this drain.
     */
    private int chunk(Long importId) {
        Instant now = clock.now();
        try {
            Integer n = transaction.execute(tx -> start(take(importId, now, CHUNK, null)));
            return n == null ? 0 : n;
        } catch (RuntimeException e) {
            List<String> codes = take(importId, now, CHUNK, null, false);
            log.warn("台账导入：一批 {} 个项目的全周期流程启动失败，逐个重试：{}", codes.size(), e.toString());
            int started = 0;
            for (String code : codes) {
                try {
                    Integer one = transaction.execute(tx -> start(take(importId, now, 1, code)));
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

    private int start(List<String> codes) {
        projects.reading(codes, () -> {
            for (String code : codes) {
                system.asSystem(() -> lifecycle.start(code));
            }
            return null;
        });
        if (!codes.isEmpty()) {
            jdbc.batchUpdate("delete from ledger_import_start where project_code = ?", codes.stream().map(c -> new Object[] {c}).toList());
        }
        return codes.size();
    }

    private List<String> take(Long importId, Instant now, int limit, String code) {
        return take(importId, now, limit, code, true);
    }

    /** Rows ready to start (not failed lately), oldest import first; locked and skipping locked ones if {@code lock}. */
    private List<String> take(Long importId, Instant now, int limit, String code, boolean lock) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select project_code from ledger_import_start where (failed_at is null or failed_at < ?)");
        args.add(Timestamp.from(now.minus(RETRY_FAILED)));
        if (importId != null) {
            sql.append(" and import_id = ?");
            args.add(importId);
        }
        if (code != null) {
            sql.append(" and project_code = ?");
            args.add(code);
        }
        sql.append(" order by import_id, project_code fetch first ? rows only");
        args.add(limit);
        if (lock) {
            sql.append(" for update skip locked");
        }
        return jdbc.queryForList(sql.toString(), String.class, args.toArray());
    }
}
