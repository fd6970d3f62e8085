-- Years of the working-day calendar added or corrected by an administrator. At start-up they override the files
-- src/main/resources/calendar/<year>.json; data is the year in the same JSON format.
-- "year" is quoted because YEAR is a keyword in H2 (lower case, so PostgreSQL's unquoted year is the same column).
create table calendar_year (
    "year"     int primary key,
    data       varchar(20000) not null,
    updated_by varchar(64)    not null,
    updated_at timestamp      not null
);
