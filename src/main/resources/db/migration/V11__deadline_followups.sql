-- A deadline timer (due soon, overdue) marks its deadline and writes the accountability record in its own job; the
-- reminder and the project's light follow in batches, after the job commits (DeadlineFollowUps). A deadline whose
-- follow-up is not done yet waits here, so that a node stopping between the two loses nothing: any node takes it.
-- A table of its own stays small (it holds only the deadlines waiting), so taking a batch is cheap whatever the
-- statistics of the deadline table say.
create table deadline_followup (
    task_id   varchar(64) primary key,
    marked_at timestamp   not null
);
