-- A ledger imported at go-live (issue 16).
--
-- imported_at: when the project entered the ledger by an import; a month's bulletin "as at the month's end" counts
-- only projects there by then. Null: the project was there before anything was counted (seeded, or created before
-- imports were recorded). Existing projects take the time of the import that created them, if one did.
alter table project add column imported_at timestamp;
update project set imported_at = (select min(i.imported_at) from ledger_import i
    join ledger_import_project ip on ip.import_id = i.id
    where ip.project_code = project.code and ip.action = 'CREATED');

-- overdue_excused_before: the project office chose, for the import that brought the project in, to record deadlines
-- already past at the import as 导入前已逾期 (shown, counted apart, not charged to the holder). A deadline of the
-- project due before this instant is marked before_import and gets no accountability record. Null: charged as usual.
alter table project add column overdue_excused_before timestamp;
alter table task_deadline add column before_import boolean default false not null;

-- The bulletin's formal number, 〔number_year〕第number_seq期: numbered per year of publication as it is published,
-- never reused; the unique constraint keeps two nodes publishing at once from taking the same number.
alter table bulletin add column number_year int;
alter table bulletin add column number_seq int;
alter table bulletin add constraint uq_bulletin_number unique (number_year, number_seq);
update bulletin set number_year = extract(year from published_at) where status = 'PUBLISHED';
update bulletin set number_seq = (select count(*) from bulletin o where o.status = 'PUBLISHED'
        and o.number_year = bulletin.number_year
        and (o.published_at < bulletin.published_at or (o.published_at = bulletin.published_at and o.id <= bulletin.id)))
    where status = 'PUBLISHED';

-- What the project office chose for an import's milestones already past, and how many there were.
alter table ledger_import add column past_deadline_count int default 0 not null;
alter table ledger_import add column past_deadlines_mode varchar(16);
