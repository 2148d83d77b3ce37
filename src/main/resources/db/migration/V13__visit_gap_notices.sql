-- The mid-month reminder of visit gaps goes to each group once a month, whichever replica sends it.
create table visit_gap_notice (
    group_id  uuid not null references assistance_group (id),
    month     char(7) not null,
    sent_at   timestamptz not null,
    primary key (group_id, month)
);
