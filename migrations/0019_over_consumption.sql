-- Over-consumption: a consumption that takes a material beyond its requiredQty × (1 + tolerance
-- / 100) is refused unless the operator gives a reason, which is kept on the consumption.
alter table org_settings
  add column over_consumption_tolerance_percent numeric(6, 2) not null default 10
    check (over_consumption_tolerance_percent >= 0 and over_consumption_tolerance_percent <= 1000);

alter table work_order_consumptions
  add column over_consumption_reason text check (length(over_consumption_reason) between 1 and 500);
