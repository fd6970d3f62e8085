package cn.tuijin.org;

import java.util.List;
import java.util.Optional;

/**
 * The ledger's projects by code, as the project module keeps them (its repository implements this): what a filter
 * naming a project is checked against, and what other modules show or address beside a code (its name, its
 * contracting leader).
 */
public interface ProjectDirectory {

    /** A project as other modules see it. */
    record ProjectSummary(String code, String name, String leaderId) {
    }

    boolean exists(String code);

    /** The project, if the ledger holds the code. */
    Optional<ProjectSummary> summary(String code);

    /** The projects of these codes that the ledger holds (at most a few hundred codes: one IN list). */
    List<ProjectSummary> summaries(List<String> codes);
}
