-- Photo evidence. The bytes live in the object store under an unguessable key; this row says whose
-- photo it is, what the server found when it checked it, and what became of it.
create table photo (
    id              uuid primary key,
    owner_type      varchar(20) not null,
    owner_id        uuid not null,
    uploaded_by     uuid not null references account (id),
    object_key      varchar(300) not null unique,
    thumbnail_key   varchar(300),
    content_type    varchar(40) not null,
    declared_bytes  bigint not null,
    status          varchar(20) not null,
    reject_reason   varchar(40),
    sha256          char(64),
    size_bytes      bigint,
    captured_at     timestamptz,
    gps_latitude    double precision,
    gps_longitude   double precision,
    gps_distance_m  double precision,
    flags           varchar(200) not null default '',
    created_at      timestamptz not null,
    confirmed_at    timestamptz,
    version         bigint not null default 0,
    constraint photo_owner_type check (owner_type in ('VISIT')),
    constraint photo_status check (status in ('PENDING', 'ACCEPTED', 'REJECTED'))
);
create index photo_owner_idx on photo (owner_type, owner_id, created_at);
create index photo_pending_idx on photo (created_at) where status = 'PENDING';
