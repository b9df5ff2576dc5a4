import type { DemoClient } from './transport.js';

type Uom = 'kg' | 'g' | 'l' | 'ml' | 'pcs';
type ProductType = 'raw' | 'intermediate' | 'finished' | 'packaging';

export interface DemoProduct {
  id: string;
  code: string;
  name: string;
  uom: Uom;
}

export interface MasterData {
  products: Record<string, DemoProduct>;
  /** Location id by code (codes are unique across the demo's two warehouses). */
  locations: Record<string, string>;
  suppliers: Record<string, string>;
  customers: Record<string, string>;
}

/** Calendar dates relative to the organization's today. */
export type Day = (offset: number) => string;

const products: Array<{ code: string; name: string; type: ProductType; uom: Uom; shelfLifeDays?: number; allergens?: string[]; gtinBody?: string }> = [
  { code: 'FLOUR-WHEAT', name: 'Wheat flour type 650', type: 'raw', uom: 'kg', shelfLifeDays: 180, allergens: ['gluten'] },
  { code: 'FLOUR-RYE', name: 'Rye flour type 2000', type: 'raw', uom: 'kg', shelfLifeDays: 150, allergens: ['gluten'] },
  { code: 'WATER', name: 'Water', type: 'raw', uom: 'l' },
  { code: 'SALT', name: 'Sea salt', type: 'raw', uom: 'kg', shelfLifeDays: 1095 },
  { code: 'YEAST', name: 'Fresh yeast', type: 'raw', uom: 'kg', shelfLifeDays: 30 },
  { code: 'SUGAR', name: 'White sugar', type: 'raw', uom: 'kg', shelfLifeDays: 730 },
  { code: 'BUTTER', name: 'Butter 82%', type: 'raw', uom: 'kg', shelfLifeDays: 60, allergens: ['milk'] },
  { code: 'MILK', name: 'Milk 3.2%', type: 'raw', uom: 'l', shelfLifeDays: 7, allergens: ['milk'] },
  { code: 'EGGS', name: 'Eggs, size M', type: 'raw', uom: 'pcs', shelfLifeDays: 28, allergens: ['eggs'] },
  { code: 'SESAME', name: 'Sesame seeds', type: 'raw', uom: 'kg', shelfLifeDays: 365, allergens: ['sesame'] },
  { code: 'POPPY', name: 'Blue poppy seeds', type: 'raw', uom: 'kg', shelfLifeDays: 365 },
  { code: 'BAG-PAPER', name: 'Paper bread bag', type: 'packaging', uom: 'pcs' },
  { code: 'BOX-CAKE', name: 'Cake box', type: 'packaging', uom: 'pcs' },
  { code: 'DOUGH-WHEAT', name: 'Wheat sourdough dough', type: 'intermediate', uom: 'kg', shelfLifeDays: 1 },
  { code: 'DOUGH-RYE', name: 'Rye sourdough dough', type: 'intermediate', uom: 'kg', shelfLifeDays: 1 },
  { code: 'DOUGH-SWEET', name: 'Sweet yeast dough', type: 'intermediate', uom: 'kg', shelfLifeDays: 1 },
  { code: 'FILLING-POPPY', name: 'Poppy-seed filling', type: 'intermediate', uom: 'kg', shelfLifeDays: 5 },
  { code: 'LOAF-SOURDOUGH', name: 'Sourdough loaf 800 g', type: 'finished', uom: 'pcs', shelfLifeDays: 4, gtinBody: '590123410001' },
  { code: 'BREAD-RYE', name: 'Rye bread 600 g', type: 'finished', uom: 'pcs', shelfLifeDays: 6, gtinBody: '590123410002' },
  { code: 'ROLL-KAISER', name: 'Kaiser roll with sesame', type: 'finished', uom: 'pcs', shelfLifeDays: 2, gtinBody: '590123410003' },
  { code: 'CAKE-POPPY', name: 'Poppy-seed cake 1 kg', type: 'finished', uom: 'pcs', shelfLifeDays: 7, gtinBody: '590123410004' },
];

/** A GTIN-13: twelve digits and their GS1 check digit. */
export function withCheckDigit(body: string): string {
  const sum = [...body].reverse().reduce((total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 3 : 1), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

const warehouses = [
  {
    code: 'BAKERY',
    name: 'Bakery, ul. Lipowa 12',
    locations: [
      ['RCV', 'Goods-in dock', 'receiving'],
      ['DRY', 'Dry store', 'storage'],
      ['COLD', 'Cold room', 'storage'],
      ['MIX', 'Mixing room', 'production'],
      ['OVEN', 'Oven line', 'production'],
      ['DISP', 'Dispatch', 'shipping'],
      ['QUAR', 'Quarantine cage', 'quarantine'],
    ],
  },
  {
    code: 'DEPOT',
    name: 'Depot Gdańsk-Oliwa',
    locations: [
      ['STORE', 'Depot store', 'storage'],
      ['DOCK', 'Depot loading dock', 'shipping'],
    ],
  },
] as const;

const suppliers = [
  { code: 'MLYN', name: 'Młyn Stoisław', email: 'zamowienia@mlyn-stoislaw.example', phone: '+48 58 555 01 10', address: 'Stoisław 4, 83-331 Przodkowo' },
  { code: 'DAIRY', name: 'Mleczarnia Kaszuby', email: 'biuro@mleczarnia-kaszuby.example', phone: '+48 58 555 02 20', address: 'ul. Mleczna 7, 83-300 Kartuzy' },
  { code: 'EGGFARM', name: 'Ferma Zielone Pole', email: 'jaja@zielonepole.example', phone: '+48 58 555 03 30', address: 'Zielone Pole 1, 83-400 Kościerzyna' },
  { code: 'BALTIC', name: 'Hurtownia Bałtyk', email: 'handel@hurtownia-baltyk.example', phone: '+48 58 555 04 40', address: 'ul. Portowa 22, 81-300 Gdynia' },
  { code: 'PACK', name: 'Pak-Serwis', email: 'sprzedaz@pak-serwis.example', phone: '+48 58 555 05 50', address: 'ul. Kartonowa 3, 80-180 Gdańsk' },
];

const customers = [
  { code: 'SPOLEM', name: 'Społem Gdańsk', email: 'zakupy@spolem-gdansk.example', phone: '+48 58 555 10 00', address: 'ul. Długa 1, 80-827 Gdańsk' },
  { code: 'CAFE', name: 'Café Lipowa', email: 'hello@cafe-lipowa.example', phone: '+48 58 555 11 11', address: 'ul. Lipowa 3, 80-100 Gdańsk' },
  { code: 'HOTEL', name: 'Hotel Bursztyn', email: 'kuchnia@hotel-bursztyn.example', phone: '+48 58 555 12 12', address: 'ul. Nadmorska 9, 81-700 Sopot' },
  { code: 'CLOCK', name: 'Sklep Pod Zegarem', email: 'sklep@podzegarem.example', address: 'Rynek 5, 84-200 Wejherowo' },
];

/** Settings, people, warehouses, partners and products of the bakery. */
export async function createMasterData(client: DemoClient, emailFor: (name: string) => string, password: string): Promise<MasterData> {
  await client.patch('/settings', { timezone: 'Europe/Warsaw', expiryWarningDays: 3, overReceiptTolerancePercent: 5 });
  for (const [name, roles] of [
    ['Piotr Nowak', ['operator']],
    ['Marta Wiśniewska', ['warehouse']],
    ['Ewa Zielińska', ['quality']],
    ['Tomasz Lewandowski', ['planner']],
  ] as const) {
    await client.post('/users', { email: emailFor(name.split(' ')[0]!.toLowerCase()), name, password, roles });
  }

  const locations: Record<string, string> = {};
  for (const warehouse of warehouses) {
    const { id } = await client.post('/warehouses', { code: warehouse.code, name: warehouse.name });
    for (const [code, name, type] of warehouse.locations) {
      locations[code] = (await client.post('/locations', { warehouseId: id, code, name, type })).id;
    }
  }

  const supplierIds: Record<string, string> = {};
  for (const supplier of suppliers) supplierIds[supplier.code] = (await client.post('/suppliers', supplier)).id;
  const customerIds: Record<string, string> = {};
  for (const customer of customers) customerIds[customer.code] = (await client.post('/customers', customer)).id;

  const productIds: Record<string, DemoProduct> = {};
  for (const { gtinBody, ...product } of products) {
    const created = await client.post('/products', { ...product, ...(gtinBody ? { gtin: withCheckDigit(gtinBody) } : {}) });
    productIds[product.code] = { id: created.id, code: product.code, name: product.name, uom: product.uom };
  }
  return { products: productIds, locations, suppliers: supplierIds, customers: customerIds };
}

/**
 * Two-level recipes: finished goods from intermediates (doughs, filling) and packaging,
 * intermediates from raw materials. The sourdough loaf has a history: an ended version 1,
 * version 2 in force, and a version 3 draft with a sesame crust, not yet activated.
 */
export async function createRecipes(client: DemoClient, { products: p }: MasterData, day: Day): Promise<void> {
  const item = (code: string, qty: number, scrapPercent?: number) => ({ productId: p[code]!.id, qty, ...(scrapPercent ? { scrapPercent } : {}) });
  const recipe = async (code: string, outputQty: number, items: ReturnType<typeof item>[], dates: { from: string; to?: string }, activate = true) => {
    const bom = await client.post('/boms', { productId: p[code]!.id, outputQty, effectiveFrom: dates.from, ...(dates.to ? { effectiveTo: dates.to } : {}), items });
    if (activate) await client.post(`/boms/${bom.id}/activate`);
  };
  const always = { from: day(-365) };
  await recipe('DOUGH-WHEAT', 100, [item('FLOUR-WHEAT', 58, 1), item('WATER', 38), item('SALT', 1.2), item('YEAST', 0.8)], always);
  await recipe('DOUGH-RYE', 100, [item('FLOUR-RYE', 55, 1), item('WATER', 43), item('SALT', 1.5)], always);
  await recipe('DOUGH-SWEET', 100, [item('FLOUR-WHEAT', 50, 1), item('MILK', 25), item('BUTTER', 10), item('EGGS', 80), item('SUGAR', 10), item('YEAST', 3), item('SALT', 0.5)], always);
  await recipe('FILLING-POPPY', 100, [item('POPPY', 50, 2), item('SUGAR', 25), item('BUTTER', 10), item('EGGS', 100), item('MILK', 10)], always);
  await recipe('LOAF-SOURDOUGH', 100, [item('DOUGH-WHEAT', 92, 3), item('BAG-PAPER', 100)], { from: day(-400), to: day(-61) });
  await recipe('LOAF-SOURDOUGH', 100, [item('DOUGH-WHEAT', 90, 2), item('BAG-PAPER', 100)], { from: day(-60) });
  await recipe('LOAF-SOURDOUGH', 100, [item('DOUGH-WHEAT', 88, 2), item('SESAME', 1.5, 5), item('BAG-PAPER', 100)], { from: day(14) }, false);
  await recipe('BREAD-RYE', 100, [item('DOUGH-RYE', 70, 2), item('BAG-PAPER', 100)], always);
  await recipe('ROLL-KAISER', 100, [item('DOUGH-WHEAT', 7, 3), item('SESAME', 0.3)], always);
  await recipe('CAKE-POPPY', 10, [item('DOUGH-SWEET', 4, 2), item('FILLING-POPPY', 5, 2), item('BOX-CAKE', 10)], always);
}
