package cn.tuijin.evidence;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import cn.tuijin.deadline.TaskAccess;
import cn.tuijin.org.Callers;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.org.Person;
import cn.tuijin.org.ProjectScope;
import cn.tuijin.project.ClaimService;
import cn.tuijin.project.Milestone;
import cn.tuijin.project.ProjectLifecycle;
import cn.tuijin.project.StageClaim;
import cn.tuijin.system.EngineClock;
import cn.tuijin.system.ForbiddenException;
import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.NotFoundException;
import cn.tuijin.system.SystemActions;
import cn.tuijin.system.TextInput;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

/**
 * Evidence files: uploaded on an open claim or report task by whoever may work it ({@link TaskAccess}, the rule of
 * completing it), read by whoever sees the project ({@link ProjectScope}), deleted only by the uploader before the
 * claim is submitted (then they belong to the claim: {@link SubmittedEvidence}).
 */
@Service
public class EvidenceService {

    static final String UPLOAD = "UPLOAD";
    static final String VERIFY = "VERIFY";
    static final String NONE = "NONE";

    private final EvidenceRepository files;
    private final EvidenceStorage storage;
    private final DatabaseStorage database;
    private final ContentCheck contents;
    private final TaskAccess access;
    private final TaskService tasks;
    private final HistoryService history;
    private final SystemActions system;
    private final ProjectScope scope;
    private final Callers callers;
    private final ClaimService claims;
    private final OrgDirectory org;
    private final EngineClock clock;
    private final DataSize maxFileSize;

    EvidenceService(EvidenceRepository files, EvidenceStorage storage, JdbcTemplate jdbc, ContentCheck contents,
                    TaskAccess access, TaskService tasks, HistoryService history, SystemActions system, ProjectScope scope,
                    Callers callers, ClaimService claims, OrgDirectory org, EngineClock clock,
                    @Value("${tuijin.evidence.max-file-size:10MB}") DataSize maxFileSize) {
        this.files = files;
        this.storage = storage;
        this.database = new DatabaseStorage(jdbc);
        this.contents = contents;
        this.access = access;
        this.tasks = tasks;
        this.history = history;
        this.system = system;
        this.scope = scope;
        this.callers = callers;
        this.claims = claims;
        this.org = org;
        this.clock = clock;
        this.maxFileSize = maxFileSize;
    }

    /** The Chinese refusal of a file above the limit. */
    static String tooLarge(DataSize limit) {
        return "文件过大：附件不能超过 " + limit.toMegabytes() + " MB。照片请压缩后上传，扫描件请降低分辨率或分成几个文件";
    }

    DataSize maxFileSize() {
        return maxFileSize;
    }

    /** Uploads a file on an open claim or report task, by whoever may work the task. */
    @Transactional
    public EvidenceView upload(String taskId, String kindValue, String fileName, byte[] content) {
        TaskAccess.Held held = access.requireHolder(taskId, "只有办理该任务的单位经办人（认领人，或未认领时本单位的经办人）可以上传附件");
        Task task = held.task();
        if (!lifecycle(task.getProcessDefinitionId()) || !EvidenceRules.uploadable(task.getTaskDefinitionKey())) {
            throw new InvalidInputException("taskId", "「" + task.getName() + "」不需要上传附件：附件随节点申报（签约、开工、竣工、投产）和月度调度提交");
        }
        EvidenceKind kind = EvidenceKind.parse("kind", kindValue);
        String name = fileName(fileName);
        if (content == null || content.length == 0) {
            throw new InvalidInputException(ContentCheck.FIELD, "请选择要上传的文件（文件不能是空的）");
        }
        if (content.length > maxFileSize.toBytes()) {
            throw new InvalidInputException(ContentCheck.FIELD, tooLarge(maxFileSize));
        }
        String type = contents.check(name, content);
        String projectCode = businessKey(task.getProcessInstanceId());
        EvidenceFile file = new EvidenceFile(0, projectCode, task.getId(), task.getTaskDefinitionKey(), task.getName(), null, kind,
                name, type, content.length, sha256(content), storage.name(), held.userId(), clock.now(), null, null, null);
        long id = files.insert(file);
        storage.store(id, content);
        return view(files.find(id).orElseThrow(), held.userId());
    }

    /** The files a task shows, for whoever sees its project. */
    public TaskEvidence ofTask(String taskId) {
        String user = callers.current().userId();
        Task open = system.asSystem(() -> tasks.createTaskQuery().taskId(taskId).singleResult());
        HistoricTaskInstance done = open != null ? null
                : system.asSystem(() -> history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult());
        if (open == null && done == null) {
            throw new NotFoundException("taskId", "任务 " + TextInput.shown(taskId) + " 不存在");
        }
        String definition = open != null ? open.getProcessDefinitionId() : done.getProcessDefinitionId();
        String key = open != null ? open.getTaskDefinitionKey() : done.getTaskDefinitionKey();
        List<TaskEvidence.Kind> kinds = Arrays.stream(EvidenceKind.values()).map(k -> new TaskEvidence.Kind(k.name(), k.label())).toList();
        if (!lifecycle(definition)) {
            return new TaskEvidence(NONE, null, false, List.of(), kinds, maxFileSize.toBytes(), List.of());
        }
        String projectCode = businessKey(open != null ? open.getProcessInstanceId() : done.getProcessInstanceId());
        scope.require(callers.current(), projectCode);
        if (EvidenceRules.uploadable(key)) {
            Milestone m = ProjectLifecycle.CLAIMS.get(key);
            List<String> required = m == null ? List.of() : EvidenceRules.required(m).stream().map(EvidenceKind::label).sorted().toList();
            return new TaskEvidence(UPLOAD, projectCode, open != null && holds(taskId), required, kinds, maxFileSize.toBytes(),
                    files.ofTask(taskId).stream().map(f -> view(f, user)).toList());
        }
        Milestone verified = EvidenceRules.verified(key);
        if (verified != null) {
            List<EvidenceView> claimed = claims.pending(projectCode, verified).map(StageClaim::id).map(files::ofClaim)
                    .orElse(List.of()).stream().map(f -> view(f, user)).toList();
            return new TaskEvidence(VERIFY, projectCode, false, List.of(), kinds, maxFileSize.toBytes(), claimed);
        }
        return new TaskEvidence(NONE, projectCode, false, List.of(), kinds, maxFileSize.toBytes(), List.of());
    }

    /** The files of a project (not deleted), for whoever sees it. */
    public List<EvidenceView> ofProject(String projectCode) {
        String user = callers.current().userId();
        scope.require(callers.current(), projectCode);
        return files.ofProject(projectCode).stream().map(f -> view(f, user)).toList();
    }

    /** One file's record, for whoever sees its project. */
    public EvidenceView file(long id) {
        EvidenceFile f = readable(id);
        return view(f, callers.current().userId());
    }

    /** A file's record and bytes, for whoever sees its project. */
    public Content content(long id) {
        EvidenceFile f = readable(id);
        return new Content(f, storageOf(f).read(id));
    }

    /** Deletes a file: only its uploader, and only before the claim (or report) is submitted. */
    @Transactional
    public EvidenceView delete(long id) {
        String user = callers.current().userId();
        EvidenceFile f = readable(id);
        if (!f.uploadedBy().equals(user)) {
            throw new ForbiddenException("只能删除本人上传的附件：「" + f.fileName() + "」由 " + name(f.uploadedBy()) + " 上传");
        }
        if (f.submittedAt() != null || !files.markDeleted(id, user, clock.now())) {
            throw new ForbiddenException("「" + f.fileName() + "」已随申报提交，不能删除");
        }
        storageOf(f).delete(id);
        return view(f, user);
    }

    /** A file's record and bytes. */
    public record Content(EvidenceFile file, byte[] bytes) {
    }

    private EvidenceFile readable(long id) {
        EvidenceFile f = files.find(id).orElseThrow(() -> new NotFoundException("id", "附件 " + id + " 不存在或已删除"));
        scope.require(callers.current(), f.projectCode());
        return f;
    }

    private EvidenceStorage storageOf(EvidenceFile f) {
        if (f.storage().equals(storage.name())) {
            return storage;
        }
        if (f.storage().equals(database.name())) {
            return database;
        }
        throw new IllegalStateException("附件 " + f.id() + " 存放在附件目录中，本节点没有配置附件目录（tuijin.evidence.directory）");
    }

    private boolean holds(String taskId) {
        try {
            access.requireHolder(taskId, "");
            return true;
        } catch (ForbiddenException | NotFoundException e) {
            return false;
        }
    }

    private static boolean lifecycle(String processDefinitionId) {
        return processDefinitionId != null && processDefinitionId.startsWith(ProjectLifecycle.KEY + ":");
    }

    private String businessKey(String processInstanceId) {
        return system.asSystem(() -> history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
                .singleResult().getBusinessKey());
    }

    /** The file's own name, without a path a browser may send; refused if empty, too long or unprintable. */
    private static String fileName(String sent) {
        String name = sent == null ? null : sent.substring(Math.max(sent.lastIndexOf('/'), sent.lastIndexOf('\\')) + 1);
        return TextInput.required(ContentCheck.FIELD, "文件名", name, 200);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String name(String userId) {
        return org.person(userId).map(Person::name).orElse(userId);
    }

    private EvidenceView view(EvidenceFile f, String caller) {
        return new EvidenceView(f.id(), f.projectCode(), f.taskId(), f.taskName(), f.claimId(), f.kind().name(), f.kind().label(),
                f.fileName(), f.contentType(), f.sizeBytes(), f.sha256(), f.uploadedBy(), name(f.uploadedBy()), f.uploadedAt(),
                f.submittedAt(), "/api/evidence/files/" + f.id() + "/content", ContentCheck.Accepted.previewable(f.contentType()),
                f.submittedAt() == null && f.uploadedBy().equals(caller));
    }
}
