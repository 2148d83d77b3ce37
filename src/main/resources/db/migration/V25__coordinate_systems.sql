-- Positions are kept in WGS-84; beside each, the system it was given in (phones and maps in China send
-- GCJ-02 or BD-09 as often as WGS-84, and the service converts). Positions stored before this said nothing
-- and were taken as WGS-84, which is what the contract promised.
alter table enterprise add column location_system text;
update enterprise set location_system = 'WGS84' where latitude is not null;
alter table enterprise add constraint enterprise_location_system
    check (location_system in ('WGS84', 'GCJ02', 'BD09') and latitude is not null
           or location_system is null and latitude is null);

alter table visit add column check_in_coordinate_system text;
update visit set check_in_coordinate_system = 'WGS84' where check_in_at is not null;
alter table visit add constraint visit_check_in_coordinate_system
    check (check_in_coordinate_system is null or check_in_coordinate_system in ('WGS84', 'GCJ02', 'BD09'));
