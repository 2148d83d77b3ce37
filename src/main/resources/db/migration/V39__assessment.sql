-- 绩效考核: a scheme per year, versioned (a change is a new version, the old ones stay as they were), and
-- each period's published result, kept as it was published so that a published score never changes.
create table assessment_scheme (
    year        integer not null,
    version     integer not null,
    title       varchar(100) not null,
    indicators  text not null,
    created_at  timestamptz not null,
    created_by  uuid references account (id),
    primary key (year, version)
);

create table assessment_result (
    period              varchar(10) primary key,
    scheme_year         integer not null,
    scheme_version      integer not null,
    dictionary_version  integer not null,
    result              text not null,
    published_at        timestamptz not null,
    published_by        uuid not null references account (id),
    foreign key (scheme_year, scheme_version) references assessment_scheme (year, version)
);
