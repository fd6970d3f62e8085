-- A task withdrawn or cancelled before its notices went out: its pending notices of new work, reminders and urges are
-- dropped, found by the task.
create index idx_outbox_task on notification_outbox (task_id);
