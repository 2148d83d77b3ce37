-- Retention. The audit trail keeps at least 183 days (six months, as the law asks): rows may be removed
-- only after they were archived, only when older than that, and only by a session that says it is
-- archiving (set zoufang.audit_archive = 'on'); updates and truncation stay refused. README: "Retention".
create or replace function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE'
       and current_setting('zoufang.audit_archive', true) = 'on'
       and old.occurred_at < now() - interval '183 days' then
        return old;
    end if;
    raise exception 'audit_event is append-only (archived rows older than 183 days aside)';
end;
$$;

-- Where officials stood at check-in is kept only as long as it is needed to judge the visit; after that
-- the verdict alone remains (the job in visit/LocationRetention clears the coordinates).
create index visit_check_in_located_idx on visit (check_in_at) where check_in_latitude is not null;
