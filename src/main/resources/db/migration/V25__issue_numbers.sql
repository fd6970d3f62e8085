-- Issue numbers (WT-2026-0001) come from a counter per year, taken with a row lock in the reporting transaction: two
-- issues reported at the same moment get consecutive numbers instead of both reading the same last number (the
-- second failed on the unique key, and its reporter saw an error).
create table issue_number (
    issue_year int primary key,
    last_seq   int not null
);
insert into issue_number (issue_year, last_seq) select issue_year, max(issue_seq) from issue group by issue_year;
