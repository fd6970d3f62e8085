-- Indexes for the supervisor dashboard: DashboardService.summary() and the overdue list (OverdueRepository), measured
-- by bench/dashboard.sh on 100,000 projects and 1,000,000 task_deadline rows (30,000 open, 8,000 overdue); the plans
-- before and after are in bench/results/<date>-dashboard.md.

-- The summary's "is any open deadline provisional?" (status = 'OPEN' and provisional): through idx_task_deadline_due
-- H2 read all 30,000 open rows to test provisional; here the test is in the index, so it reads index entries only.
create index idx_task_deadline_provisional on task_deadline (status, provisional);

-- The overdue filter (status = 'OPEN' and paused_at is null and due_at < now), its count, and the summary's counts by
-- kind, district and unit: idx_task_deadline_due finds the 8,000 overdue rows, but H2 then reads each row for
-- paused_at, project_code, kind and holder_unit_code. With those columns in the index H2 reads the index alone for the
-- counts (it fetches a row only for a column the index lacks), and the unit and kind filters drop rows before they are
-- read. The list itself still reads its 8,000 rows (it shows their names and sorts them).
create index idx_task_deadline_overdue on task_deadline (status, due_at, paused_at, project_code, kind, holder_unit_code);

-- The summary counts the projects per district and lead unit from this index alone, instead of reading 100,000
-- project rows (with their lights) twice.
create index idx_project_district_unit on project (district_code, lead_unit_code);

-- The summary reads only the yellow and red lights (the green ones are counted: all − yellow − red).
create index idx_project_light_light on project_light (light, project_code);

-- A yellow or red light's project, and an overdue item's project, give their district and lead unit from this index
-- without reading the project's row.
create index idx_project_code_district_unit on project (code, district_code, lead_unit_code);
