package cn.tuijin.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import cn.tuijin.notification.NotificationOutbox.Event;
import cn.tuijin.notification.NotificationSettings.OwnerKind;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.org.Person;
import cn.tuijin.org.ProjectDirectory;
import cn.tuijin.org.ProjectDirectory.ProjectSummary;
import cn.tuijin.org.Role;
import cn.tuijin.org.Unit;
import org.springframework.stereotype.Component;

/**
 * Turns a notice of the outbox into its deliveries, in the transaction that wrote it: one per recipient and channel
 * the recipient wants it by, each at a working time. A person holding the work is told; a unit by its own channels
 * (group robot, mailbox), or, when it has none, each of its people; an overdue notice also goes into the daily digest
 * of the project's contracting leader (a leader's own overdue notices go there too).
 */
@Component
public class DeliveryPlanner {

    /** A notice as written to the outbox. */
    public record Notice(long id, String dedupeKey, Event event, String user, String group, String projectCode,
                         String taskId, String subject, String body, Instant at, String linkPath) {
    }

    /** Someone to tell. */
    record Recipient(OwnerKind kind, String id, boolean digest) {
    }

    private final DeliveryRepository deliveries;
    private final SettingsRepository settings;
    private final OrgDirectory org;
    private final ProjectDirectory projects;
    private final NotificationText text;
    private final WorkingTime workingTime;

    DeliveryPlanner(DeliveryRepository deliveries, SettingsRepository settings, OrgDirectory org, ProjectDirectory projects,
                    NotificationText text, WorkingTime workingTime) {
        this.deliveries = deliveries;
        this.settings = settings;
        this.org = org;
        this.projects = projects;
        this.text = text;
        this.workingTime = workingTime;
    }

    /**
     * Plans the deliveries of notices written together; each settings row, person, unit, project and task is read
     * once for all of them.
     */
    public void plan(List<Notice> notices) {
        if (notices.isEmpty()) {
            return;
        }
        Lookups lookups = new Lookups();
        lookups.preload(notices);
        for (Notice notice : notices) {
            plan(notice, lookups);
        }
    }

    private void plan(Notice notice, Lookups lookups) {
        Set<String> planned = new LinkedHashSet<>();
        for (Recipient r : recipients(notice, lookups)) {
            NotificationSettings s = lookups.settings(r.kind(), r.id());
            if (!s.wants(notice.event())) {
                continue;
            }
            Instant sendAt = r.digest() ? workingTime.digestAt(notice.at()) : workingTime.sendAt(notice.at());
            if (notice.event() == Event.DUE_SOON && lookups.task(notice.taskId()).map(NotificationText.Task::dueAt)
                    .filter(due -> !due.isAfter(sendAt)).isPresent()) {
                continue;   // it could only arrive after the deadline: the overdue notice says it all
            }
            NotificationText.Text t = r.digest() ? text.digestLine(notice, sendAt, lookups) : text.notice(notice, sendAt, lookups);
            for (Channel channel : channels(r, s, lookups)) {
                String key = notice.dedupeKey() + "|" + r.kind() + ":" + r.id() + "|" + channel;
                if (planned.add(key)) {
                    deliveries.insert(notice, key, r, channel, t, sendAt);
                }
            }
        }
    }

    /** Who is told: the holder (a person, a unit or a role's people) and, for an overdue notice, the leader. */
    private List<Recipient> recipients(Notice n, Lookups lookups) {
        List<Recipient> people = new ArrayList<>();
        boolean overdue = n.event() == Event.OVERDUE;
        if (n.user() != null && !n.user().isEmpty()) {
            people.add(new Recipient(OwnerKind.PERSON, n.user(), overdue && isLeader(n.user(), lookups)));
        } else if (n.group() != null && !n.group().isEmpty()) {
            if (lookups.unit(n.group()).isPresent()) {
                if (lookups.settings(OwnerKind.UNIT, n.group()).hasOwnChannel()) {
                    people.add(new Recipient(OwnerKind.UNIT, n.group(), false));
                } else {
                    lookups.peopleOfUnit(n.group()).forEach(p -> people.add(new Recipient(OwnerKind.PERSON, p.id(), false)));
                }
            } else {
                for (Role role : Role.values()) {
                    if (n.group().equals(role.group())) {
                        lookups.peopleWithRole(role).forEach(p -> people.add(
                                new Recipient(OwnerKind.PERSON, p.id(), overdue && role == Role.LEADER)));
                    }
                }
            }
        }
        if (overdue) {
            lookups.project(n.projectCode()).map(ProjectSummary::leaderId)
                    .ifPresent(leader -> people.add(new Recipient(OwnerKind.PERSON, leader, true)));
        }
        return people;
    }

    private List<Channel> channels(Recipient r, NotificationSettings s, Lookups lookups) {
        List<Channel> channels = new ArrayList<>();
        if (s.mailEnabled() && mailAddress(r, s, lookups).isPresent()) {
            channels.add(Channel.MAIL);
        }
        if (r.kind() == OwnerKind.UNIT && s.webhookReady()) {   // a group robot is a unit's channel
            channels.add(Channel.WEBHOOK);
        }
        return channels;
    }

    /** Where a recipient's mail goes: the address in their settings, else (a person) the ledger's. */
    Optional<String> mailAddress(Recipient r, NotificationSettings s) {
        return mailAddress(r, s, new Lookups());
    }

    private Optional<String> mailAddress(Recipient r, NotificationSettings s, Lookups lookups) {
        if (s.mailAddress() != null && !s.mailAddress().isBlank()) {
            return Optional.of(s.mailAddress());
        }
        if (r.kind() == OwnerKind.PERSON) {
            return lookups.person(r.id()).map(Person::email).filter(e -> !e.isBlank());
        }
        return Optional.empty();
    }

    private boolean isLeader(String userId, Lookups lookups) {
        return lookups.person(userId).map(p -> p.role() == Role.LEADER).orElse(false);
    }

    /**
     * What planning reads, each read once while notices are planned together: settings, people, units, projects and
     * the tasks' deadlines (read for all the notices at once).
     */
    final class Lookups {

        private final Map<String, NotificationSettings> settings = new HashMap<>();
        private final Map<String, Optional<Person>> people = new HashMap<>();
        private final Map<String, Optional<Unit>> units = new HashMap<>();
        private final Map<String, List<Person>> unitPeople = new HashMap<>();
        private final Map<Role, List<Person>> rolePeople = new EnumMap<>(Role.class);
        private final Map<String, Optional<ProjectSummary>> projectsByCode = new HashMap<>();
        private final Map<String, Optional<NotificationText.Task>> tasks = new HashMap<>();

        void preload(List<Notice> notices) {
            List<String> codes = notices.stream().map(Notice::projectCode).filter(Objects::nonNull).distinct()
                    .filter(c -> !projectsByCode.containsKey(c)).toList();
            for (int from = 0; from < codes.size(); from += 200) {
                List<String> part = codes.subList(from, Math.min(codes.size(), from + 200));
                part.forEach(c -> projectsByCode.put(c, Optional.empty()));
                projects.summaries(part).forEach(p -> projectsByCode.put(p.code(), Optional.of(p)));
            }
            List<String> taskIds = notices.stream().map(Notice::taskId).filter(Objects::nonNull).distinct()
                    .filter(t -> !tasks.containsKey(t)).toList();
            for (int from = 0; from < taskIds.size(); from += 200) {
                List<String> part = taskIds.subList(from, Math.min(taskIds.size(), from + 200));
                part.forEach(t -> tasks.put(t, Optional.empty()));
                text.tasks(part).forEach((id, t) -> tasks.put(id, Optional.of(t)));
            }
        }

        NotificationSettings settings(OwnerKind kind, String id) {
            return settings.computeIfAbsent(kind + ":" + id,
                    k -> kind == OwnerKind.PERSON ? DeliveryPlanner.this.settings.person(id) : DeliveryPlanner.this.settings.unit(id));
        }

        Optional<Person> person(String id) {
            return people.computeIfAbsent(id, org::person);
        }

        Optional<Unit> unit(String code) {
            return units.computeIfAbsent(code, org::unit);
        }

        List<Person> peopleOfUnit(String code) {
            return unitPeople.computeIfAbsent(code, org::peopleOfUnit);
        }

        List<Person> peopleWithRole(Role role) {
            return rolePeople.computeIfAbsent(role, org::peopleWithRole);
        }

        Optional<ProjectSummary> project(String code) {
            return code == null ? Optional.empty() : projectsByCode.computeIfAbsent(code, projects::summary);
        }

        Optional<NotificationText.Task> task(String taskId) {
            return taskId == null ? Optional.empty() : tasks.computeIfAbsent(taskId, text::task);
        }
    }
}
