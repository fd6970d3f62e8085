-- The lifecycles a ledger import starts. The import writes the ledger, its record and these rows in one transaction
-- (all or nothing, as before); the lifecycles are then started in chunks, each chunk starting its lifecycles and
-- marking their rows started in one transaction, by the importing node's workers and by every node's periodic pass
-- (rows locked by a chunk in flight are skipped). A node stopping mid-chunk leaves its rows unstarted for the next
-- pass, so each lifecycle starts exactly once. A row whose start failed waits (failed_at) and is tried again.
create table ledger_import_start (
    project_code varchar(32)   not null primary key references project (code),
    import_id    bigint        not null references ledger_import (id),
    queued_at    timestamp     not null,
    started_at   timestamp,
    failed_at    timestamp,
    failure      varchar(1000)
);
create index idx_ledger_import_start_import on ledger_import_start (import_id, started_at);
create index idx_ledger_import_start_queue on ledger_import_start (started_at, import_id, project_code);

-- How many lifecycles the import starts (the import page shows how many run by now), and when the units holding
-- their first tasks were told (one notice per unit and import instead of one per task).
alter table ledger_import add column lifecycle_count int default 0 not null;
alter table ledger_import add column tasks_notified_at timestamp;
