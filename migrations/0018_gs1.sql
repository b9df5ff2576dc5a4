-- GS1 identifiers. The organization's GS1 company prefix goes into every SSCC it makes
-- (extension digit, prefix, serial, check digit); unset until the organization has one.
alter table org_settings
  add column gs1_company_prefix text check (gs1_company_prefix ~ '^[0-9]{7,10}$');

-- A scanned (01) is always 14 digits while a product may keep its GTIN-8, -12 or -13: the
-- lookup from a barcode to a product compares both padded to 14.
create index products_gtin14_idx on products (org_id, lpad(gtin, 14, '0')) where gtin is not null;
