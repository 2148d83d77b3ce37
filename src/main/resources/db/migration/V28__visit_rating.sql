-- The enterprise's rating of a completed visit (1–5, an optional comment), once per visit. The office
-- reads each; the group sees only the month's mean, and only from three ratings on (metric dictionary).
create table visit_rating (
    visit_id    uuid primary key references visit (id),
    score       smallint not null,
    comment     varchar(500),
    rated_by    uuid not null references account (id),
    rated_at    timestamptz not null,
    constraint visit_rating_score check (score between 1 and 5)
);
create index visit_rating_rated_at_idx on visit_rating (rated_at);
