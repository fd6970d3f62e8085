package cn.tuijin.evidence;

import java.util.Arrays;
import java.util.stream.Collectors;

import cn.tuijin.system.InvalidInputException;

/** What a file proves, chosen by the uploader from a list. */
public enum EvidenceKind {
    CONTRACT("合同扫描件"),
    PERMIT("施工许可证"),
    ACCEPTANCE("竣工验收报告"),
    SITE_PHOTO("形象进度照片"),
    OTHER("其他");

    private final String label;

    EvidenceKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The kind named by a form field (its code, e.g. PERMIT, or its label, e.g. 施工许可证); refused in Chinese otherwise. */
    static EvidenceKind parse(String field, String value) {
        for (EvidenceKind k : values()) {
            if (k.name().equals(value) || k.label.equals(value)) {
                return k;
            }
        }
        throw new InvalidInputException(field, "请选择「附件类型」：" + Arrays.stream(values()).map(EvidenceKind::label)
                .collect(Collectors.joining("、")));
    }
}
