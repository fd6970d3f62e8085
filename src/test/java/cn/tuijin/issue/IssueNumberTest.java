package cn.tuijin.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import cn.tuijin.TuijinTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two issues reported at the same moment get consecutive numbers; before, both read the same last number and the
 * second report failed on the unique key (its reporter saw an error).
 */
@TuijinTest
class IssueNumberTest {

    /** A year of its own, so that the demo's and the other tests' issues do not matter. */
    private static final int YEAR = 2031;

    @Autowired IssueRepository issues;
    @Autowired JdbcTemplate jdbc;
    @Autowired PlatformTransactionManager transactions;

    @AfterEach
    void removeThem() {
        jdbc.update("delete from issue where issue_year = ?", YEAR);
        jdbc.update("delete from issue_number where issue_year = ?", YEAR);
    }

    @Test
    void twoIssuesReportedAtTheSameMomentGetConsecutiveNumbers() throws Exception {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        CountDownLatch firstInserted = new CountDownLatch(1);
        ExecutorService reporters = Executors.newFixedThreadPool(2);
        try {
            Future<String> first = reporters.submit(() -> tx.execute(s -> {
                String code = report("sunhb");
                firstInserted.countDown();
                pause(300);   // the first report's transaction is still open when the second reports
                return code;
            }));
            assertThat(firstInserted.await(30, TimeUnit.SECONDS)).isTrue();
            Future<String> second = reporters.submit(() -> tx.execute(s -> report("zhaol")));

            assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("WT-2031-0001");
            assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo("WT-2031-0002");
        } finally {
            reporters.shutdownNow();
        }
        String third = tx.execute(s -> report("sunhb"));
        assertThat(third).as("the next one after them").isEqualTo("WT-2031-0003");
    }

    private String report(String user) {
        return issues.insert("XM-2026-001", IssueCategory.values()[0], "测试问题编号", "请协调", Severity.values()[0], user,
                Instant.parse("2031-03-02T02:00:00Z"), YEAR);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
