-- The person to call at a customer on recall day: a recall export names them beside the
-- customer's email and phone.
alter table customers add column contact_name text;
