package cn.tuijin.system;

/**
 * A page of a list as the API's callers ask for it: {@code page} from 0 to 1,000,000, {@code size} 1 to 500.
 */
public record Paging(int page, int size) {

    /** The last page anyone may ask for: the offset (page × size) stays far within an int. */
    public static final int MAX_PAGE = 1_000_000;

    public Paging {
        if (page < 0 || page > MAX_PAGE) {
            throw new InvalidInputException("page", "分页参数有误：page 须在 0 到 " + MAX_PAGE + " 之间");
        }
        if (size < 1 || size > 500) {
            throw new InvalidInputException("size", "分页参数有误：size 须在 1 到 500 之间");
        }
    }

    public int offset() {
        return page * size;
    }
}
