import type { Day, MasterData } from './master-data.js';
import type { DemoClient } from './transport.js';

// The bakery's quality: what flour must meet on receipt and bread before release, the
// receipt inspections of this week's flour (passed, signed by the QA lead), and a wet rye
// delivery that failed its inspection: held, with its NCR under investigation.

const flourOnReceipt = [
  { code: 'moisture', name: 'Moisture', kind: 'numeric', max: 15, unit: '%' },
  { code: 'protein', name: 'Protein', kind: 'numeric', min: 10.5, max: 13.5, unit: '%', required: false },
  { code: 'foreign_matter_absent', name: 'No foreign matter', kind: 'boolean' },
  { code: 'smell', name: 'Smell and colour', kind: 'text', required: false },
];

/** Receipt specifications for both flours, and a release specification for rye bread. */
export async function createSpecifications(client: DemoClient, { products: p }: MasterData): Promise<void> {
  await client.post('/specifications', { productId: p['FLOUR-WHEAT']!.id, name: 'Wheat flour 650 on receipt', stage: 'receipt', parameters: flourOnReceipt });
  await client.post('/specifications', { productId: p['FLOUR-RYE']!.id, name: 'Rye flour 2000 on receipt', stage: 'receipt', parameters: flourOnReceipt });
  await client.post('/specifications', {
    productId: p['BREAD-RYE']!.id,
    name: 'Rye bread release',
    stage: 'final',
    parameters: [
      { code: 'core_temp', name: 'Core temperature out of the oven', kind: 'numeric', min: 92, unit: '°C' },
      { code: 'weight', name: 'Loaf weight', kind: 'numeric', min: 585, max: 630, unit: 'g' },
      { code: 'crust_ok', name: 'Crust colour and shape as standard', kind: 'boolean' },
    ],
  });
}

interface OpenInspection {
  id: string;
  number: string;
  productId: string;
}

/** The QA lead enters the results of every open flour inspection and completes it with her signature. */
async function inspect(qa: DemoClient, inspection: OpenInspection, results: Array<{ parameterCode: string; value: number | boolean | string }>, meaning: string, password: string) {
  await qa.post(`/inspections/${inspection.id}/results`, { results });
  return qa.post(`/inspections/${inspection.id}/complete`, { signature: { password, meaning } });
}

/**
 * This week's flour passes its receipt inspections, so production may use it; then a second rye
 * delivery arrives too wet: its inspection fails, the plate goes on hold and an NCR is opened
 * against the mill, which the QA lead starts investigating.
 */
export async function inspectDeliveries(clients: { warehouse: DemoClient; qa: DemoClient }, { products: p, locations, suppliers }: MasterData, password: string, day: Day): Promise<{ ncrNumber: string }> {
  const { warehouse, qa } = clients;
  const open = (await qa.get<{ items: OpenInspection[] }>('/inspections?status=open')).items;
  for (const inspection of open) {
    const protein = inspection.productId === p['FLOUR-WHEAT']!.id ? 11.8 : 10.9;
    await inspect(qa, inspection, [
      { parameterCode: 'moisture', value: 13.9 },
      { parameterCode: 'protein', value: protein },
      { parameterCode: 'foreign_matter_absent', value: true },
      { parameterCode: 'smell', value: 'Typical, no off-odour' },
    ], 'Released after receipt inspection', password);
  }
  const wet = await warehouse.post('/receipts', { supplierId: suppliers.MLYN, locationId: locations.RCV, lines: [{ productId: p['FLOUR-RYE']!.id, qty: 250, lot: 'MS-R-2423', expiryDate: day(140) }] });
  const [inspection] = (await qa.get<{ items: OpenInspection[] }>(`/inspections?licensePlateId=${wet.licensePlates[0].id}`)).items;
  const failed = await inspect(qa, inspection!, [
    { parameterCode: 'moisture', value: 16.8 },
    { parameterCode: 'foreign_matter_absent', value: true },
    { parameterCode: 'smell', value: 'Slightly musty' },
  ], 'Rejected on receipt: moisture above 15 %', password);
  await warehouse.post(`/license-plates/${wet.licensePlates[0].id}/move`, { toLocationId: locations.QUAR });
  const ncr = await qa.patch(`/ncrs/${failed.ncrId}`, { status: 'investigating', severity: 'major', rootCause: 'Suspected: the delivery stood uncovered in rain at the mill yard (asked the mill for its loading record)' });
  return { ncrNumber: ncr.number };
}

/** The QA lead passes and signs every open release (final) inspection: today's bread may leave. */
export async function releaseBakedBread(qa: DemoClient, password: string): Promise<void> {
  const open = (await qa.get<{ items: Array<OpenInspection & { stage: string }> }>('/inspections?status=open')).items.filter((inspection) => inspection.stage === 'final');
  const results = [
    { parameterCode: 'core_temp', value: 96 },
    { parameterCode: 'weight', value: 606 },
    { parameterCode: 'crust_ok', value: true },
  ];
  for (const inspection of open) await inspect(qa, inspection, results, 'Released for dispatch', password);
}
