package cn.tuijin.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Indexes for the job executor's acquisition query, created once the engine has created or checked its tables (two
 * nodes starting together may both try: the one that loses finds them there).
 * <ul>
 * <li>Jobs are acquired oldest due date first ({@code jobExecutorAcquireByDueDate}), so that when thousands of
 * deadlines pass at once the earliest fire first; Camunda's schema has no index on {@code ACT_RU_JOB.DUEDATE_} for
 * that order.
 * <li>PostgreSQL only: the acquisition leaves out jobs whose process instance has a locked exclusive job; without an
 * index it reads the whole job table to find the locked ones, at every acquisition (15 ms with 100,000 due jobs, most
 * of PostgreSQL's time in a storm of deadlines). A partial index holds only the locked jobs (0.2 ms). The job table is
 * also vacuumed after every 5,000 changed rows.
 * </ul>
 */
@Component
class JobAcquisitionIndexes extends AbstractProcessEnginePlugin {

    static final String NAME = "act_idx_tuijin_job_duedate";
    static final String LOCKED = "act_idx_tuijin_job_locked";
    private static final Logger log = LoggerFactory.getLogger(JobAcquisitionIndexes.class);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setJobExecutorAcquireByDueDate(true);
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        DataSource dataSource = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDataSource();
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                if (!exists(c, NAME)) {
                    createIndex(c, s, NAME, "create index if not exists " + NAME + " on act_ru_job (duedate_)");
                }
                if (c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")) {
                    if (!exists(c, LOCKED)) {
                        createIndex(c, s, LOCKED, "create index if not exists " + LOCKED
                                + " on act_ru_job (lock_exp_time_) where lock_owner_ is not null");
                    }
                    // A storm of deadlines deletes thousands of jobs a second; until vacuum clears their dead rows every
                    // acquisition walks over them. Vacuum the job table after every 5,000 changed rows rather than after
                    // a fifth of the table.
                    s.execute("alter table act_ru_job set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000, "
                            + "autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 5000)");
                }
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            // The job executor still works without them, acquiring in a slower order.
            log.warn("无法为作业表建立索引或设置清理参数：{}", e.getMessage());
        }
    }

    private static void createIndex(Connection c, Statement s, String name, String sql) throws SQLException {
        try {
            s.execute(sql);
            log.info("已为作业表建立索引 {}", name);
        } catch (SQLException e) {
            if (!exists(c, name)) {
                throw e;
            }
        }
    }

    private static boolean exists(Connection c, String name) throws SQLException {
        for (String table : new String[] {"ACT_RU_JOB", "act_ru_job"}) {
            try (ResultSet rs = c.getMetaData().getIndexInfo(null, null, table, false, true)) {
                while (rs.next()) {
                    if (name.equalsIgnoreCase(rs.getString("INDEX_NAME"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
