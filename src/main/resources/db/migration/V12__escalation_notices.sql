-- The ladder's notices go out once per stage an issue reaches (预警 → 催办 → 督办).
alter table issue add column notified_stage varchar(20);
-- Devices not seen for long are deleted with their outbox rows.
alter table push_delivery drop constraint push_delivery_device_id_fkey;
alter table push_delivery add constraint push_delivery_device_id_fkey
    foreign key (device_id) references device (id) on delete cascade;
