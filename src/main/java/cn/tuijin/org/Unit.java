package cn.tuijin.org;

/**
 * A responsible unit (责任单位); its Camunda group id is its code.
 */
public record Unit(String code, String name, UnitKind kind, String districtCode) {
}
