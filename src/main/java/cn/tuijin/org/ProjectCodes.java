package cn.tuijin.org;

/** The codes of the ledger's projects, as the project module keeps them: what a filter naming a project is checked against. */
public interface ProjectCodes {

    boolean exists(String code);
}
