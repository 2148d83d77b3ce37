-- Append-only audit trail: who did what, when, to what, and how it ended.
create table audit_event (
    id           bigint generated always as identity primary key,
    occurred_at  timestamptz not null default now(),
    actor_id     uuid,
    actor_phone  varchar(20),
    actor_roles  varchar(200),
    action       varchar(60) not null,
    target_type  varchar(40),
    target_id    varchar(100),
    result       varchar(20) not null,
    detail       varchar(1000)
);
create index audit_event_target_idx on audit_event (action, target_id, occurred_at);
create index audit_event_time_idx on audit_event (occurred_at);

create function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only';
end;
$$;

create trigger audit_event_no_update before update or delete on audit_event
    for each row execute function audit_event_is_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_is_append_only();
