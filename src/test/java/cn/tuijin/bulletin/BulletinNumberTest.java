package cn.tuijin.bulletin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import cn.tuijin.ApiCalls;
import cn.tuijin.TuijinTest;
import cn.tuijin.system.EngineClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A bulletin's formal number, 〔2031〕第N期: numbered per year of publication as it is published, shown on its page
 * (the API the page reads), in the list and in its workbook; never reused; two publications at once never share one.
 * Years far ahead of the demo city's, so that no other bulletin takes their numbers.
 */
@TuijinTest
class BulletinNumberTest {

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired EngineClock clock;
    @Autowired BulletinService bulletins;
    @Autowired TransactionTemplate tx;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    @AfterEach
    void removeTheFarBulletins() {
        for (Long id : jdbc.queryForList("select id from bulletin where period >= '2030-01'", Long.class)) {
            jdbc.update("delete from notification_outbox where dedupe_key like ?", "bulletin:" + id + ":%");
        }
        jdbc.update("delete from bulletin where period >= '2030-01'");
        clock.reset();
    }

    private JsonNode get(String path) throws Exception {
        return json.readTree(new ApiCalls(port).call("GET", path, "wangjg", null).body());
    }

    private String number(long id) {
        return jdbc.queryForObject("select number_year, number_seq from bulletin where id = ?",
                (rs, i) -> "〔" + rs.getInt(1) + "〕第" + rs.getInt(2) + "期", id);
    }

    @Test
    void bulletinsAreNumberedInTheOrderPublishedPerYearAndTheNumberIsShownEverywhere() throws Exception {
        clock.setTime(LocalDateTime.of(2031, 1, 6, 9, 0));
        long november = bulletins.publishNow(YearMonth.of(2030, 11), "huangzh");
        long december = bulletins.publishNow(YearMonth.of(2030, 12), "huangzh");
        assertThat(bulletins.publishNow(YearMonth.of(2030, 11), "huangzh")).as("published once").isEqualTo(november);

        assertThat(get("/api/bulletins/" + november).get("number").asText()).isEqualTo("〔2031〕第1期");
        assertThat(get("/api/bulletins/" + december).get("number").asText()).isEqualTo("〔2031〕第2期");
        assertThat(get("/api/bulletins?period=2030-12").get(0).get("number").asText()).isEqualTo("〔2031〕第2期");
        byte[] workbook = new ApiCalls(port).download("/api/bulletins/" + december + ".xlsx", "wangjg").body();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
            assertThat(wb.getSheetAt(0).getRow(0).getCell(0).getStringCellValue())
                    .isEqualTo("2030年12月全市重点项目推进情况通报〔2031〕第2期（分区县）");
        }

        clock.setTime(LocalDateTime.of(2032, 1, 5, 9, 0));
        long nextYear = bulletins.publishNow(YearMonth.of(2031, 12), "system");
        assertThat(number(nextYear)).as("a new year starts again at 1").isEqualTo("〔2032〕第1期");
        assertThat(number(november)).as("a published number never changes").isEqualTo("〔2031〕第1期");
    }

    @Test
    void theDatabaseRefusesTwoBulletinsWithOneNumber() {
        clock.setTime(LocalDateTime.of(2031, 1, 6, 9, 0));
        long first = bulletins.publishNow(YearMonth.of(2030, 11), "huangzh");
        long second = bulletins.compile(YearMonth.of(2030, 12), "huangzh", null);
        assertThatThrownBy(() -> jdbc.update("update bulletin set number_year = 2031, number_seq = 1 where id = ?", second))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(number(first)).isEqualTo("〔2031〕第1期");
    }

    /**
     * Two nodes publish two bulletins at the same moment: the second reads the last number before the first commits.
     * The unique constraint refuses one of them (nothing of it is written); its job, retried, takes the next number.
     */
    @Test
    void twoPublicationsAtOnceNeverShareANumber() throws Exception {
        clock.setTime(LocalDateTime.of(2031, 1, 6, 9, 0));
        long a = bulletins.compile(YearMonth.of(2030, 11), "huangzh", null);
        long b = bulletins.compile(YearMonth.of(2030, 12), "huangzh", null);
        CountDownLatch aPublished = new CountDownLatch(1);
        CountDownLatch bTried = new CountDownLatch(1);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Future<?> nodeA = nodes.submit(() -> tx.executeWithoutResult(s -> {
                bulletins.publish(a);
                aPublished.countDown();
                try {
                    bTried.await(5, TimeUnit.SECONDS);   // B may be waiting on A's row of the unique index meanwhile
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            Future<Boolean> nodeB = nodes.submit(() -> {
                aPublished.await(5, TimeUnit.SECONDS);
                try {
                    tx.executeWithoutResult(s -> bulletins.publish(b));
                    return true;
                } catch (DataAccessException refused) {
                    return false;
                } finally {
                    bTried.countDown();
                }
            });
            nodeA.get(30, TimeUnit.SECONDS);
            boolean bFirstTry = nodeB.get(30, TimeUnit.SECONDS);
            if (!bFirstTry) {
                assertThat(jdbc.queryForObject("select status from bulletin where id = ?", String.class, b))
                        .as("the refused publication wrote nothing").isEqualTo("COMPILED");
                tx.executeWithoutResult(s -> bulletins.publish(b));   // what the retried job does
            }
        } finally {
            nodes.shutdownNow();
        }
        assertThat(List.of(number(a), number(b))).containsExactly("〔2031〕第1期", "〔2031〕第2期");
    }
}
