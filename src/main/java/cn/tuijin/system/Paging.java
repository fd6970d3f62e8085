package cn.tuijin.system;

/**
 * A page of a list as the API's callers ask for it: {@code page} from 0, {@code size} 1 to 500.
 */
public record Paging(int page, int size) {

    public Paging {
        if (page < 0 || size < 1 || size > 500) {
            throw new InvalidInputException("size", "分页参数有误：page 不能为负数，size 须在 1 到 500 之间");
        }
    }

    public int offset() {
        return page * size;
    }
}
