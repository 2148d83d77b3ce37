-- A visit the enterprise confirmed: the official's phone scanned the code the enterprise's app showed
-- (signed by the service, naming the enterprise, valid for a minute). A code confirms one visit only.
alter table visit add column enterprise_confirmed_at timestamptz;
alter table visit add column enterprise_code_id varchar(64);
alter table visit add constraint visit_enterprise_code_id_key unique (enterprise_code_id);
alter table visit add constraint visit_enterprise_confirmation
    check ((enterprise_confirmed_at is null) = (enterprise_code_id is null));
