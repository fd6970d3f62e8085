-- Deadlines pass in sets (cn.tuijin.deadline.DeadlineSweep), not one engine timer job per task: every node looks, every
-- few seconds, for the open deadlines whose warning or due time has come and that are not yet marked, takes a few
-- hundred of them (rows locked by another node are skipped) and marks, records, reminds and lights them in one
-- transaction.

-- The process itself acts when this deadline passes (an issue climbs a level; a supervision notice goes to the
-- leader): its timer in the diagram marks and records it, not the sweep.
alter table task_deadline add column process_timer boolean default false not null;
-- The deadlines open before this version were opened by diagrams that armed a timer per task (their running instances
-- keep following those versions, and their timers): those timers mark them.
update task_deadline set process_timer = true where status = 'OPEN';

-- When the sweep last failed to process this deadline (it is tried again ten minutes later; the others go on).
alter table task_deadline add column sweep_failed_at timestamp;

-- What the sweep looks for: open deadlines not yet overdue (or not yet due soon) by due (warning) time. The marked
-- ones, however many, are not read.
create index idx_task_deadline_sweep_overdue on task_deadline (status, overdue, due_at);
create index idx_task_deadline_sweep_soon on task_deadline (status, due_soon, warn_at);
