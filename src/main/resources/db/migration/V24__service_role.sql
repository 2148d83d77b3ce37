-- The service connects as a role of its own (DB_USER, the placeholder app_role) that may read and write rows
-- and nothing else; the schema's owner, the role these migrations run as, keeps the rest. The service can
-- then neither drop the audit trail's append-only trigger nor alter, truncate or drop a table, and it may
-- only add audit rows and read them: whatever its code asks, the trail stays as written. Archiving old audit
-- rows (README: Retention) is the owner's job.
-- Where one role does both (a deployment that never split them), there is nothing to grant.
do $$
declare
    app text := '${app_role}';
begin
    if app = current_user then
        raise notice 'The service connects as the owner (%): no separate role to grant to', app;
        return;
    end if;
    if not exists (select 1 from pg_roles where rolname = app) then
        raise exception 'The service''s database role % does not exist: create it (login, no other rights) first', app;
    end if;
    execute format('grant usage on schema public to %I', app);
    execute format('grant select, insert, update, delete on all tables in schema public to %I', app);
    execute format('grant usage, select, update on all sequences in schema public to %I', app);
    execute format('alter default privileges in schema public grant select, insert, update, delete on tables to %I', app);
    execute format('alter default privileges in schema public grant usage, select, update on sequences to %I', app);
    execute format('revoke update, delete, truncate on audit_event from %I', app);
end;
$$;
