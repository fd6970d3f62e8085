package cn.tuijin.dashboard;

/**
 * Filters and order of the overdue list; every field is optional.
 *
 * @param sort one of {@code late} (most late first, the default), {@code project}, {@code unit}, {@code kind},
 *             {@code district}
 */
public record OverdueFilter(String district, String unit, String leader, String category, String stage, String kind,
                            String sort) {

    static final OverdueFilter NONE = new OverdueFilter(null, null, null, null, null, null, null);
}
