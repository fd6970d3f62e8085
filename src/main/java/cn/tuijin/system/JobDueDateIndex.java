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
 * The job executor acquires due jobs oldest due date first ({@code jobExecutorAcquireByDueDate}), so that when
 * thousands of deadlines pass at once the earliest fire first; Camunda's schema has no index on
 * {@code ACT_RU_JOB.DUEDATE_} for that order, so it is created here once the engine has created or checked its tables.
 * Two nodes starting together may both try: the one that loses finds the index there. On PostgreSQL the job table is
 * also vacuumed after every 5,000 changed rows.
 */
@Component
class JobDueDateIndex extends AbstractProcessEnginePlugin {

    static final String NAME = "act_idx_tuijin_job_duedate";
    private static final Logger log = LoggerFactory.getLogger(JobDueDateIndex.class);

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
                if (!exists(c)) {
                    createIndex(c, s);
                }
                if (c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")) {
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
            log.warn("无法为作业表建立到期时间索引或设置清理参数：{}", e.getMessage());
        }
    }

    private static void createIndex(Connection c, Statement s) throws SQLException {
        try {
            s.execute("create index if not exists " + NAME + " on act_ru_job (duedate_)");
            log.info("已为作业到期时间建立索引 {}", NAME);
        } catch (SQLException e) {
            if (!exists(c)) {
                throw e;
            }
        }
    }

    private static boolean exists(Connection c) throws SQLException {
        for (String table : new String[] {"ACT_RU_JOB", "act_ru_job"}) {
            try (ResultSet rs = c.getMetaData().getIndexInfo(null, null, table, false, true)) {
                while (rs.next()) {
                    if (NAME.equalsIgnoreCase(rs.getString("INDEX_NAME"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
