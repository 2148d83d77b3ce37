-- Accounts over their life: created by an import without a password until the contact activates it;
-- an initial or bootstrap password must be changed at first login; disabling, a role change or a password
-- change raises token_epoch, and an access token carrying an older epoch is refused (identity.SessionGate).
alter table account alter column password_hash drop not null;
alter table account add column activated_at timestamptz;
update account set activated_at = created_at;
-- Rows written by other tools (the zone generator's COPY) are active accounts.
alter table account alter column activated_at set default now();
alter table account add column password_change_required boolean not null default false;
alter table account add column token_epoch integer not null default 0;
alter table account add column token_epoch_at timestamptz;
alter table account add column disabled_at timestamptz;
-- A second factor (TOTP, RFC 6238) for the roles that can change much: admin, office, desk. The secret is
-- pending until a first code confirms it.
alter table account add column totp_secret varchar(64);
alter table account add column totp_enabled boolean not null default false;
alter table account add constraint account_password_once_active
    check (activated_at is null or password_hash is not null);
create index account_token_epoch_idx on account (token_epoch_at) where token_epoch_at is not null;

-- A login (a refresh-token family) as its owner sees it in the list of sessions.
alter table refresh_token add column method varchar(20) not null default 'PASSWORD';
alter table refresh_token add column client varchar(120);
create index refresh_token_revoked_idx on refresh_token (revoked_at) where revoked_at is not null;
create index refresh_token_account_idx on refresh_token (account_id, expires_at);

-- One-time codes: login, password reset, activation by SMS; a reset code the admin hands over. Only the
-- hash is kept; one active code per account and purpose.
create table one_time_code (
    id          uuid primary key,
    account_id  uuid not null references account (id),
    purpose     varchar(20) not null,
    code_hash   char(64) not null,
    attempts    integer not null default 0,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    constraint one_time_code_purpose check (purpose in ('LOGIN', 'PASSWORD_RESET', 'ACTIVATION', 'ADMIN_RESET'))
);
create unique index one_time_code_active_idx on one_time_code (account_id, purpose) where used_at is null;
create index one_time_code_created_idx on one_time_code (created_at);

-- A group's former leaders: who led it when. The current one is assistance_group.leader_id, since leader_since.
alter table assistance_group add column leader_since timestamptz not null default now();
update assistance_group set leader_since = created_at;
create table group_leader_term (
    group_id    uuid not null references assistance_group (id),
    account_id  uuid not null references account (id),
    started_at  timestamptz not null,
    ended_at    timestamptz not null,
    primary key (group_id, ended_at)
);

-- Departments are renamed and merged: the old names stay readable, a merged department points at its
-- successor (its closed issues keep pointing at it; open ones and its handlers move).
create table department_name (
    department_id  uuid not null references department (id),
    name           varchar(100) not null,
    until          timestamptz not null,
    primary key (department_id, until)
);
alter table department add column merged_into uuid references department (id);
alter table department add column merged_at timestamptz;

-- A retired category is no longer offered for new issues; old issues keep it.
alter table issue_category add column retired boolean not null default false;
