package cn.tuijin.handover;

/**
 * The transfer requests made by one unit's officers: all, approved, refused (as the issue path counts 推诿 per unit).
 */
public record TransferCount(String unitCode, int requested, int approved, int refused) {
}
