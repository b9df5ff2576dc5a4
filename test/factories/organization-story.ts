import type { Client, TestServer } from '../server.js';
import { receivePlate, receivePlates } from './inventory.js';
import { advance, consume, createWorkOrder, expectStatus, output, setupProduction, type ProductionWorld } from './production.js';
import { createNcr, fileOf, multipartBody, signedBy } from './quality.js';

// An organization with a little of everything, built through the API (receipts, a split, a move,
// an adjustment, a work order that consumed and made stock, a shipment, a signed NCR and a
// certificate of analysis stored in the database), and the GET answers that
// must stay the same wherever its rows go (an export and import, a move).

export interface OrganizationStory {
  world: ProductionWorld;
  flourLot: string;
  /** Every LP the story made. */
  plateIds: string[];
  workOrderId: string;
  breadPlateId: string;
  flourPlateId: string;
  ncrId: string;
  documentId: string;
}

export async function buildOrganizationStory(server: TestServer): Promise<OrganizationStory> {
  const world = await setupProduction(server);
  const { api, products, locations } = world;
  const flourLot = `FL-${Date.now().toString(36)}`;
  const [flourA, flourB] = await receivePlates(world, { productId: products.flour, qty: 12.345, lot: flourLot, count: 2 });
  const sugar = await receivePlate(world, { productId: products.sugar, qty: 3.5 });
  const split = expectStatus(await api.post(`/api/v1/license-plates/${flourA.id}/split`, { qty: 2.005 }), 201, 'split');
  expectStatus(await api.post(`/api/v1/license-plates/${flourB.id}/move`, { toLocationId: locations.storage }), 200, 'move');
  expectStatus(await api.post(`/api/v1/license-plates/${sugar.id}/adjust`, { qty: 3.25, reason: 'counted' }), 200, 'adjust');
  const order = await createWorkOrder(world, { plannedQty: 10 });
  await advance(api, order.id, ['release', 'start']);
  await consume(api, order.id, flourB.id, 6.01);
  await consume(api, order.id, sugar.id, 1.1);
  const bread = await output(api, order.id, { qty: 9.75, locationId: locations.storage });
  const half = expectStatus(await api.post(`/api/v1/license-plates/${bread.id}/split`, { qty: 4 }), 201, 'split bread');
  const splitId: string = split.licensePlate.id;
  const halfId: string = half.licensePlate.id;
  expectStatus(await api.post('/api/v1/shipments', { customerId: world.customerId, licensePlateIds: [halfId] }), 201, 'ship');
  const quality = await addQualityRecords(server, world, flourA.id);
  return { world, flourLot, plateIds: [flourA.id, flourB.id, sugar.id, splitId, bread.id, halfId], workOrderId: order.id, breadPlateId: bread.id, flourPlateId: flourA.id, ...quality };
}

/** An NCR on a flour plate, closed with a signature, and a CoA (bytes in the database) on it. */
async function addQualityRecords(server: TestServer, world: ProductionWorld, flourPlateId: string): Promise<{ ncrId: string; documentId: string }> {
  const ncr = await createNcr(world.api, { licensePlateIds: [flourPlateId], supplierId: world.supplierId });
  const closing = { rootCause: 'Damp store', correctiveAction: 'Dehumidifier fitted', signature: signedBy(world.admin, 'NCR closed') };
  expectStatus(await world.api.post(`/api/v1/ncrs/${ncr.id}/close`, closing), 200, 'close NCR');
  const body = multipartBody({ kind: 'coa' }, [{ fileName: 'coa.pdf', type: 'application/pdf', content: fileOf.pdf(3000) }]);
  const upload = await server.request({ method: 'POST', url: `/api/v1/license-plates/${flourPlateId}/documents`, payload: body.payload, headers: body.headers, token: world.admin.accessToken });
  return { ncrId: ncr.id, documentId: expectStatus(upload, 201, 'upload document').id };
}

/** The GET answers the story must keep, by URL, as JSON text. */
export async function storyAnswers(api: Client, story: OrganizationStory): Promise<Record<string, string>> {
  const { products } = story.world;
  const urls = [
    '/api/v1/products',
    '/api/v1/license-plates?limit=100',
    ...story.plateIds.flatMap((id) => [`/api/v1/license-plates/${id}`, `/api/v1/license-plates/${id}/moves`]),
    '/api/v1/work-orders',
    `/api/v1/work-orders/${story.workOrderId}`,
    '/api/v1/receipts',
    '/api/v1/shipments',
    '/api/v1/stock',
    '/api/v1/users',
    '/api/v1/roles',
    '/api/v1/settings',
    '/api/v1/audit?limit=100',
    `/api/v1/trace/forward?licensePlateId=${story.flourPlateId}`,
    `/api/v1/trace/backward?licensePlateId=${story.breadPlateId}`,
    `/api/v1/trace/recall?productId=${products.flour}&lot=${story.flourLot}`,
    `/api/v1/trace/recall/summary?productId=${products.flour}&lot=${story.flourLot}`,
    '/api/v1/ncrs',
    `/api/v1/signatures?recordId=${story.ncrId}`,
    `/api/v1/license-plates/${story.flourPlateId}/documents`,
    `/api/v1/documents/${story.documentId}`,
  ];
  const answers: Record<string, string> = {};
  for (const url of urls) {
    const response = await api.get(url);
    if (response.status !== 200) throw new Error(`${url}: ${response.status} ${JSON.stringify(response.body)}`);
    answers[url] = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
  }
  return answers;
}
