-- A deadline timer (due soon, overdue) marks its deadline and writes the accountability record in its own job; the
-- reminder and the project's light follow in batches, after the job commits (DeadlineFollowUps). A marked deadline
-- whose follow-up is not done yet waits here, so that a node stopping between the two loses nothing: any node
-- picks it up.
alter table task_deadline add column followup_pending boolean default false not null;
create index idx_task_deadline_followup on task_deadline (followup_pending, task_id);
