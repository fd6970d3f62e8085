-- The lifecycles a ledger import has to start. The import writes the ledger, its record and this queue in one
-- transaction (all or nothing, as before); the lifecycles are then started in chunks, each chunk starting its
-- lifecycles and deleting their rows in one transaction, by the importing node's workers and by every node's
-- periodic pass (rows locked by a chunk in flight are skipped). A node stopping mid-chunk leaves its rows here for the
-- next pass, so each lifecycle starts exactly once. A row whose start failed waits (failed_at) and is tried again.
create table ledger_import_start (
    project_code varchar(32)   not null primary key references project (code),
    import_id    bigint        not null references ledger_import (id),
    queued_at    timestamp     not null,
    failed_at    timestamp,
    failure      varchar(1000)
);
create index idx_ledger_import_start_import on ledger_import_start (import_id);

-- How many lifecycles the import queued (the progress the import page shows: started = this − rows left above).
alter table ledger_import add column lifecycle_count int default 0 not null;
