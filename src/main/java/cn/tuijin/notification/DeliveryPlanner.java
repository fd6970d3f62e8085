package cn.tuijin.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import cn.tuijin.deadline.NotificationOutbox.Event;
import cn.tuijin.notification.NotificationSettings.OwnerKind;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.org.Person;
import cn.tuijin.org.Role;
import cn.tuijin.project.Project;
import cn.tuijin.project.ProjectRepository;
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
    private final ProjectRepository projects;
    private final NotificationText text;
    private final WorkingTime workingTime;

    DeliveryPlanner(DeliveryRepository deliveries, SettingsRepository settings, OrgDirectory org, ProjectRepository projects,
                    NotificationText text, WorkingTime workingTime) {
        this.deliveries = deliveries;
        this.settings = settings;
        this.org = org;
        this.projects = projects;
        this.text = text;
        this.workingTime = workingTime;
    }

    public void plan(Notice notice) {
        Set<String> planned = new LinkedHashSet<>();
        for (Recipient r : recipients(notice)) {
            NotificationSettings s = r.kind() == OwnerKind.PERSON ? settings.person(r.id()) : settings.unit(r.id());
            if (!s.wants(notice.event())) {
                continue;
            }
            Instant sendAt = r.digest() ? workingTime.digestAt(notice.at()) : workingTime.sendAt(notice.at());
            if (notice.event() == Event.DUE_SOON && text.dueAt(notice.taskId()).filter(due -> !due.isAfter(sendAt)).isPresent()) {
                continue;   // it could only arrive after the deadline: the overdue notice says it all
            }
            NotificationText.Text t = r.digest() ? text.digestLine(notice, sendAt) : text.notice(notice, sendAt);
            for (Channel channel : channels(r, s)) {
                String key = notice.dedupeKey() + "|" + r.kind() + ":" + r.id() + "|" + channel;
                if (planned.add(key)) {
                    deliveries.insert(notice, key, r, channel, t, sendAt);
                }
            }
        }
    }

    /** Who is told: the holder (a person, a unit or a role's people) and, for an overdue notice, the leader. */
    private List<Recipient> recipients(Notice n) {
        List<Recipient> people = new ArrayList<>();
        boolean overdue = n.event() == Event.OVERDUE;
        if (n.user() != null && !n.user().isEmpty()) {
            people.add(new Recipient(OwnerKind.PERSON, n.user(), overdue && isLeader(n.user())));
        } else if (n.group() != null && !n.group().isEmpty()) {
            if (org.unit(n.group()).isPresent()) {
                if (settings.unit(n.group()).hasOwnChannel()) {
                    people.add(new Recipient(OwnerKind.UNIT, n.group(), false));
                } else {
                    org.peopleOfUnit(n.group()).forEach(p -> people.add(new Recipient(OwnerKind.PERSON, p.id(), false)));
                }
            } else {
                for (Role role : Role.values()) {
                    if (n.group().equals(role.group())) {
                        org.peopleWithRole(role).forEach(p -> people.add(
                                new Recipient(OwnerKind.PERSON, p.id(), overdue && role == Role.LEADER)));
                    }
                }
            }
        }
        if (overdue) {
            projectLeader(n.projectCode()).ifPresent(leader -> people.add(new Recipient(OwnerKind.PERSON, leader, true)));
        }
        return people;
    }

    private List<Channel> channels(Recipient r, NotificationSettings s) {
        List<Channel> channels = new ArrayList<>();
        if (s.mailEnabled() && mailAddress(r, s).isPresent()) {
            channels.add(Channel.MAIL);
        }
        if (s.webhookReady()) {
            channels.add(Channel.WEBHOOK);
        }
        return channels;
    }

    /** Where a recipient's mail goes: the address in their settings, else (a person) the ledger's. */
    Optional<String> mailAddress(Recipient r, NotificationSettings s) {
        if (s.mailAddress() != null && !s.mailAddress().isBlank()) {
            return Optional.of(s.mailAddress());
        }
        if (r.kind() == OwnerKind.PERSON) {
            return org.person(r.id()).map(Person::email).filter(e -> !e.isBlank());
        }
        return Optional.empty();
    }

    private boolean isLeader(String userId) {
        return org.person(userId).map(p -> p.role() == Role.LEADER).orElse(false);
    }

    private Optional<String> projectLeader(String projectCode) {
        return projectCode == null ? Optional.empty() : projects.find(projectCode).map(Project::leaderId);
    }
}
