-- A group or department contests one of its figures of a closed period with a reason; the office decides.
-- Both stay on record; a decision never changes kept figures or a published score.
create table figure_contest (
    id           uuid primary key,
    period       varchar(10) not null,
    metric       varchar(40) not null,
    dimension    varchar(12) not null check (dimension in ('GROUP', 'DEPARTMENT')),
    unit_id      uuid not null,
    figure       text,
    reason       varchar(1000) not null,
    status       varchar(10) not null check (status in ('OPEN', 'UPHELD', 'REJECTED')),
    decision     varchar(1000),
    raised_by    uuid not null references account (id),
    raised_at    timestamptz not null,
    decided_by   uuid references account (id),
    decided_at   timestamptz,
    row_version  bigint not null default 0
);
create index figure_contest_period_idx on figure_contest (period, status);
