-- Notifications: every notification is first an inbox row for its recipient; push only wakes the phone.

-- An app installation on a phone, with its current FCM registration token.
create table device (
    id            uuid primary key,
    account_id    uuid not null references account (id),
    token         varchar(4096) not null,
    platform      varchar(10) not null,
    app_version   varchar(40),
    locale        varchar(20),
    active        boolean not null default true,
    last_seen_at  timestamptz not null,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    constraint device_platform check (platform in ('ANDROID', 'IOS', 'HARMONY'))
);
create index device_account_idx on device (account_id) where active;
create unique index device_active_token_unique on device (token) where active;

create table notification (
    id           uuid primary key,
    account_id   uuid not null references account (id),
    type         varchar(40) not null,
    object_type  varchar(20) not null,
    object_id    uuid not null,
    urgent       boolean not null default false,
    created_at   timestamptz not null,
    read_at      timestamptz
);
create index notification_inbox_idx on notification (account_id, created_at desc, id desc);
create index notification_unread_idx on notification (account_id) where read_at is null;

-- The outbox: one push per notification and device, written in the same transaction as the change.
create table push_delivery (
    id               bigint generated always as identity primary key,
    notification_id  uuid not null references notification (id),
    device_id        uuid not null references device (id),
    status           varchar(12) not null,
    attempts         integer not null default 0,
    next_attempt_at  timestamptz not null,
    last_error       varchar(300),
    message_id       varchar(300),
    sent_at          timestamptz,
    constraint push_delivery_status check (status in ('PENDING', 'SENT', 'FAILED', 'DEAD')),
    constraint push_delivery_once unique (notification_id, device_id)
);
create index push_delivery_due_idx on push_delivery (next_attempt_at) where status = 'PENDING';
