-- 已办 lists what a person asked for (申请转办, 延期申请) and what his delegate completed for him, newest first.
create index idx_task_transfer_requester on task_transfer (requested_by, requested_at);
create index idx_extension_requester on extension_request (requested_by, requested_at);
create index idx_delegated_work_delegator on delegated_work (delegator_id, completed_at);
create index idx_delegated_work_task on delegated_work (task_id);
