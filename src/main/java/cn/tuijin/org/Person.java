package cn.tuijin.org;

/**
 * A person of the ledger, linked to the Camunda user with the same id.
 */
public record Person(String id, String name, Role role, String unitCode, String phone, String email) {
}
