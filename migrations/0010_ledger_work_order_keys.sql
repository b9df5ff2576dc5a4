-- The ledger and the genealogy name the work order that drew or produced stock; like every
-- reference between tenant tables, it must point at a work order of the same organization.
alter table stock_moves
  add constraint stock_moves_work_order_fk foreign key (org_id, work_order_id) references work_orders (org_id, id);
alter table lp_links
  add constraint lp_links_work_order_fk foreign key (org_id, work_order_id) references work_orders (org_id, id);
create index stock_moves_work_order_idx on stock_moves (org_id, work_order_id) where work_order_id is not null;
create index lp_links_work_order_idx on lp_links (org_id, work_order_id) where work_order_id is not null;
