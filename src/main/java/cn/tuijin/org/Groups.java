package cn.tuijin.org;

/**
 * Camunda group ids of the roles. Each unit also has a group of its own, whose id is the unit code.
 * Ids are letters and digits only (Camunda's default resource-id whitelist).
 */
public final class Groups {

    public static final String PROJECT_OFFICE = "projectOffice";
    public static final String LEADERS = "leaders";
    public static final String COMMITTEE = "committee";
    public static final String SUPERVISORS = "supervisors";
    public static final String ADMINS = "camunda-admin";
    /** Leaders' secretaries (领导秘书): Tasklist only, for the tasks their leader delegates to them. */
    public static final String SECRETARIES = "secretaries";

    private Groups() {
    }
}
