package cn.tuijin.bulletin;

import java.util.Comparator;

/**
 * How a bulletin ranks the units and names the laggards (后进单位). The rule, also printed on the bulletin:
 *
 * <pre>
 * score = 40 × start rate (开复工率)
 *       + 60 × min(1, investment done this year ÷ time-proportional schedule (序时完成率))
 *       −  5 × accountability records detected in the month (本月新增逾期)
 *       −  3 × deadlines still overdue at the month's end (月末逾期未办)
 * floored at 0, rounded to one decimal; a rate whose denominator is 0 counts as 100%.
 * </pre>
 *
 * A deadline missed in the month and still not met at its end costs 8 points: late, and still late. Ties are broken
 * by the schedule rate, then the start rate (higher first), then the overdue count (lower first), then the unit code.
 * The laggards are the bottom tenth of the ranking (rounded up, at least one; none if fewer than two units are
 * ranked) and the units with a red project that rank in the lower half and score below the average. The top-ranked
 * unit is never a laggard, and at most 30% of the ranked units (rounded up) are named, worst first: a bulletin that
 * names most units as laggards names nobody. A red project of a unit not named stays visible in its row.
 */
public final class BulletinScore {

    public static final double START_WEIGHT = 40;
    public static final double SCHEDULE_WEIGHT = 60;
    public static final double PER_OVERDUE_RECORD = 5;
    public static final double PER_OPEN_OVERDUE = 3;

    /** The rule in Chinese, as printed on the bulletin and in the workbook. */
    public static final String RULE = "得分 = 40 × 开复工率 + 60 × min(1, 本年完成投资 ÷ 序时进度) − 5 × 本月新增逾期（问责记录）"
            + " − 3 × 月末逾期未办，最低 0 分，保留一位小数；分母为 0 的比率按 100% 计。"
            + "同分时依次比较序时完成率、开复工率（高者在前）、逾期数（少者在前）、单位编码。"
            + "后进单位：排名后 10%（向上取整，至少 1 个；参与排名的单位少于 2 个时不按排名认定），以及排名在后半且得分低于平均分、有红灯项目的单位；"
            + "排名第一的单位不列为后进单位，后进单位至多为参与排名单位的 30%（向上取整），从排名最后起认定。";

    /** Ranking order: best first. */
    static final Comparator<BulletinFigures.Row> RANKING = Comparator
            .comparingDouble(BulletinFigures.Row::score).reversed()
            .thenComparing(Comparator.comparingDouble(BulletinFigures.Row::scheduleRate).reversed())
            .thenComparing(Comparator.comparingDouble(BulletinFigures.Row::startRate).reversed())
            .thenComparingInt(r -> r.overdueRecords() + r.overdueOpen())
            .thenComparing(BulletinFigures.Row::code);

    private BulletinScore() {
    }

    /** The score of a row's figures (rates as shares). */
    public static double score(double startRate, double scheduleRate, int overdueRecords, int overdueOpen) {
        double raw = START_WEIGHT * startRate + SCHEDULE_WEIGHT * Math.min(1.0, scheduleRate)
                - PER_OVERDUE_RECORD * overdueRecords - PER_OPEN_OVERDUE * overdueOpen;
        return Math.round(Math.max(0.0, raw) * 10) / 10.0;
    }

    /** How many units at the bottom of a ranking of n are laggards. */
    /** At most this many laggards among {@code ranked} units: 30%, rounded up; none if fewer than two. */
    public static int maxLaggards(int ranked) {
        return ranked < 2 ? 0 : (ranked * 3 + 9) / 10;
    }

    public static int bottomCount(int ranked) {
        return ranked < 2 ? 0 : (ranked + 9) / 10;
    }
}
