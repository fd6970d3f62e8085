package cn.tuijin.org;

/**
 * A district (区县) or development zone.
 */
public record District(String code, String name) {
}
