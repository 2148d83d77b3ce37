-- Which push service a device's token belongs to. Until now every token went to FCM; a HarmonyOS app can
-- only ever have had a Push Kit token, so those devices were never reached and move to HMS.
alter table device add column provider varchar(10) not null default 'FCM';
update device set provider = 'HMS' where platform = 'HARMONY';
alter table device add constraint device_provider
    check (provider in ('FCM', 'HMS', 'HONOR', 'XIAOMI', 'OPPO', 'VIVO'));
alter table device alter column provider drop default;

-- A vendor's delivery receipt (HMS reports when the phone got the message): the inbox shows it, the
-- office counts what reached a phone within 5 minutes, and an urgent notification with no receipt falls
-- back to SMS.
alter table push_delivery add column delivered_at timestamptz;
alter table push_delivery add column receipt_status varchar(40);
create index push_delivery_notification_idx on push_delivery (notification_id);
-- The first receipt also marks the inbox row (its sync_at moves, so phones see it in their next sync).
alter table notification add column delivered_at timestamptz;
-- The SMS fallback looks every few seconds for urgent notifications nobody has read: only those are indexed.
create index notification_urgent_unread_idx on notification (created_at) where urgent and read_at is null;

-- SMS for what must not be missed, and one-time codes: an outbox like push_delivery. The phone is kept
-- for the per-phone limits and for matching status reports; template parameters of one-time codes are
-- erased once sent.
create table sms_message (
    id               uuid primary key,
    account_id       uuid references account (id) on delete set null,
    phone            varchar(20) not null,
    template         varchar(30) not null,
    params           varchar(500) not null,
    reason           varchar(30) not null,
    notification_id  uuid references notification (id) on delete set null,
    status           varchar(12) not null,
    attempts         integer not null default 0,
    next_attempt_at  timestamptz not null,
    created_at       timestamptz not null,
    sent_at          timestamptz,
    biz_id           varchar(64),
    receipt_at       timestamptz,
    receipt_code     varchar(40),
    segments         integer,
    last_error       varchar(300),
    constraint sms_message_status check (status in ('PENDING', 'SENDING', 'SENT', 'DELIVERED', 'UNDELIVERED', 'FAILED', 'DEAD'))
);
-- At most one SMS per notification, whatever rule or replica asks for it.
create unique index sms_message_notification_once on sms_message (notification_id) where notification_id is not null;
create index sms_message_due_idx on sms_message (next_attempt_at) where status in ('PENDING', 'SENDING');
create index sms_message_phone_sent_idx on sms_message (phone, sent_at) where sent_at is not null;
create index sms_message_biz_idx on sms_message (biz_id) where biz_id is not null;
create index sms_message_created_idx on sms_message (created_at);
