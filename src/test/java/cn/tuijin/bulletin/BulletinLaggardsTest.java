package cn.tuijin.bulletin;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import cn.tuijin.bulletin.BulletinFigures.Row;
import org.junit.jupiter.api.Test;

/** 后进单位 as the walk found it: 7 units, 5 of them with a red project, the top-ranked among them. */
class BulletinLaggardsTest {

    private static Row unit(int place, double score, int red) {
        return new Row("u" + place, "单位" + place, 1, null, 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                0, 0, List.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, red, red > 0 ? List.of("项目" + place) : List.of(),
                score, place);
    }

    @Test
    void neverTheTopRankedNorMostUnits() {
        double[] scores = {95, 90, 80, 70, 60, 50, 40};
        int[] red = {1, 1, 0, 1, 1, 0, 1};
        List<Row> ranked = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            ranked.add(unit(i + 1, scores[i], red[i]));
        }
        List<BulletinFigures.Laggard> laggards = BulletinCompiler.laggards(ranked);
        // average 69.3: u5 (60, red, lower half) and u7 (last) are named; u1, u2, u4 with red projects are not.
        assertThat(laggards).extracting(BulletinFigures.Laggard::unitCode).containsExactly("u7", "u5");
        assertThat(laggards.get(0).reasons()).containsExactly("排名后 10%（第 7 名，共 7 个单位）", "红灯项目 1 个：项目7");
        assertThat(BulletinScore.RULE).contains("排名第一的单位不列为后进单位").contains("30%");
    }
}
