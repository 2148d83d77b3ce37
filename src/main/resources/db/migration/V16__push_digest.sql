-- A person may take non-urgent pushes as one daily digest instead of one by one (the inbox is unchanged).
create table notification_setting (
    account_id      uuid primary key references account (id),
    daily_digest    boolean not null default false,
    last_digest_at  timestamptz,
    updated_at      timestamptz not null
);

create index push_delivery_dead_idx on push_delivery (id) where status = 'DEAD';
