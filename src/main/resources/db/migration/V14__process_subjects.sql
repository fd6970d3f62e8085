-- What a user task is about (the approval it decides, the month it reports, the meeting assignment or the cooperating
-- unit whose opinion it carries): recorded when the process creates the task, in the process's own step, and read back
-- when the task is completed, so that no process variable decides it (issue 14). scope_id is the sub-process instance
-- the task runs in: a later task of the same instance is about the same subject (补正容缺材料 after 办理审批).
create table task_subject (
    task_id             varchar(64) primary key,
    process_instance_id varchar(64) not null,
    scope_id            varchar(64) not null,
    subject             varchar(64) not null
);
create index idx_task_subject_scope on task_subject (scope_id);

-- The instance of extension-request.bpmn deciding a request, bound as its decision task is created (in the step that
-- starts the instance): completion and 调整办理期限 find their request by it, not by the variable requestId.
alter table extension_request add column process_instance_id varchar(64);
create index idx_extension_instance on extension_request (process_instance_id);

-- Who asked for a month's bulletin, recorded by 确定通报月份 in the step that starts the instance; 汇总通报数据, run
-- later by the job executor, reads it by the instance (the daily run has no row: the system asked).
create table bulletin_request (
    process_instance_id varchar(64) primary key,
    period              char(7)     not null,
    requested_by        varchar(64) not null,
    requested_at        timestamp   not null
);
