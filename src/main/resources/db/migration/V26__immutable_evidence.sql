-- Evidence that cannot be swapped: the phone uploads to a key of its own (upload_key), the service
-- writes the bytes it checked to object_key, which is never presigned for upload, and serves only that.
-- A later upload with the same form lands on upload_key, is never served, and is removed once the form
-- has expired (upload_key is then cleared).
alter table photo add column upload_key varchar(300) unique;
alter table photo add column shareable_key varchar(300);
alter table photo add column stored_sha256 char(64);
alter table photo add column width integer;
alter table photo add column height integer;
alter table photo add column gps_scrubbed_at timestamptz;
-- Set when location retention clears a photo's position: the stored original still has it in its EXIF.
alter table photo add column gps_scrub_due boolean not null default false;

-- The evidence key is chosen when the photo is accepted; pending and rejected photos have none. Uploads
-- still pending keep the key their URL was made for as their upload key.
alter table photo alter column object_key drop not null;
update photo set upload_key = object_key, object_key = null where status = 'PENDING';
update photo set object_key = null where status = 'REJECTED';
update photo set stored_sha256 = sha256 where status = 'ACCEPTED';

create index photo_upload_sweep_idx on photo (created_at) where upload_key is not null and status <> 'PENDING';
create index photo_gps_scrub_due_idx on photo (created_at) where gps_scrub_due;
-- Photos whose position retention already cleared: their originals still carry it.
update photo set gps_scrub_due = true
where status = 'ACCEPTED' and gps_latitude is null and gps_scrubbed_at is null
  and 'NO_LOCATION' <> all (string_to_array(flags, ','))
  and (owner_type = 'ISSUE' or owner_id in (select id from visit where check_in_latitude is null and check_in_at is not null));
