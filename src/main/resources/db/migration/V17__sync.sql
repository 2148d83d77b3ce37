-- Delta sync for the phone apps. Every synced row carries the database clock's time of its last change
-- (a trigger sets it, so replicas' clocks do not matter); the sync reads rows changed since the app's
-- cursor, up to the start of the oldest transaction still running, so nothing committed late is skipped.

create function stamp_sync() returns trigger language plpgsql as $$
begin
    new.sync_at := clock_timestamp();
    return new;
end;
$$;

alter table enterprise add column sync_at timestamptz not null default clock_timestamp();
alter table visit add column sync_at timestamptz not null default clock_timestamp();
alter table issue add column sync_at timestamptz not null default clock_timestamp();
alter table notification add column sync_at timestamptz not null default clock_timestamp();
alter table assignment add column sync_at timestamptz not null default clock_timestamp();

create trigger enterprise_sync before insert or update on enterprise for each row execute function stamp_sync();
create trigger visit_sync before insert or update on visit for each row execute function stamp_sync();
create trigger issue_sync before insert or update on issue for each row execute function stamp_sync();
create trigger notification_sync before insert or update on notification for each row execute function stamp_sync();
create trigger assignment_sync before insert or update on assignment for each row execute function stamp_sync();

create index enterprise_sync_idx on enterprise (sync_at, id);
create index visit_sync_idx on visit (sync_at, id);
create index issue_sync_idx on issue (sync_at, id);
create index notification_sync_idx on notification (account_id, sync_at, id);
create index assignment_sync_idx on assignment (sync_at);

-- Who left a group, and when: their phones must drop the group's enterprises.
create table group_member_removed (
    group_id    uuid not null,
    account_id  uuid not null,
    removed_at  timestamptz not null
);
create index group_member_removed_idx on group_member_removed (account_id, removed_at);

create function remember_removed_member() returns trigger language plpgsql as $$
begin
    insert into group_member_removed (group_id, account_id, removed_at) values (old.group_id, old.account_id, clock_timestamp());
    return old;
end;
$$;
create trigger group_member_removed after delete on group_member for each row execute function remember_removed_member();

-- The key that signs sync cursors: made once, shared by every replica, kept across restarts.
create table sync_key (
    id      integer primary key check (id = 1),
    secret  text not null
);
insert into sync_key (id, secret) values (1, replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));

-- When someone joined a group: from then on their phone gets the group's enterprises.
alter table group_member add column added_at timestamptz not null default clock_timestamp();
