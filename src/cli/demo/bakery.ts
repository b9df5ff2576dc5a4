import { createMasterData, createRecipes, type Day } from './master-data.js';
import { createLines, recordOvenReadings } from './floor.js';
import { runBakery, type DemoStory } from './operations.js';
import { createSpecifications, inspectDeliveries, releaseBakedBread } from './quality.js';
import { runSales } from './sales.js';
import { DemoClient, DemoError, type ApiTransport } from './transport.js';

export const DEMO_TIME_ZONE = 'Europe/Warsaw';
const DEMO_DOMAIN = 'piekarnia.example';
const DEMO_PASSWORD = 'bake-bread-daily';
const DEMO_ORGANIZATION = 'Piekarnia Pod Lipami';

export interface DemoLogin extends DemoStory {
  organizationName: string;
  email: string;
  password: string;
  name: string;
  /** One of the bakery's other people (same password). */
  staffEmail: string;
  /** The NCR opened by the wet rye delivery's failed inspection. */
  ncrNumber: string;
}

/** Dates counted from today in the bakery's time zone. */
export function daysFromToday(timeZone: string, now = new Date()): Day {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return (offset) => {
    const date = new Date(`${today}T12:00:00Z`);
    date.setUTCDate(date.getUTCDate() + offset);
    return date.toISOString().slice(0, 10);
  };
}

/**
 * Signs up the demo bakery. A second run on the same database leaves the first bakery alone
 * and makes another one with the next free login (demo2@…, demo3@…).
 */
async function signUpBakery(client: DemoClient): Promise<{ email: string; organizationName: string; run: number }> {
  for (let run = 1; run <= 50; run += 1) {
    const email = `demo${run === 1 ? '' : run}@${DEMO_DOMAIN}`;
    const organizationName = run === 1 ? DEMO_ORGANIZATION : `${DEMO_ORGANIZATION} (${run})`;
    const answer = await client.raw('POST', '/auth/signup', { organizationName, name: 'Anna Kowalska', email, password: DEMO_PASSWORD });
    if (answer.status === 201) {
      client.token = answer.body.accessToken;
      return { email, organizationName, run };
    }
    if (answer.status !== 409) throw new DemoError(`signing up the demo bakery was refused (${answer.status}): ${answer.body?.detail ?? ''}`);
  }
  throw new DemoError(`this database already holds 50 demo bakeries; the first one signs in as demo@${DEMO_DOMAIN}`);
}

/** Another of the bakery's people, signed in. */
async function signIn(send: ApiTransport, email: string): Promise<DemoClient> {
  const person = new DemoClient(send);
  person.token = (await person.post('/auth/login', { email, password: DEMO_PASSWORD })).accessToken;
  return person;
}

/**
 * Fills the database behind `send` with a believable bakery: people, two warehouses,
 * suppliers, customers, ~20 products with allergens, two-level recipes, purchase orders and
 * receipts with their inspections (one failed, with its NCR), work orders in every state on two
 * production lines (with a signed allergen changeover), consumptions and outputs, shipments, a
 * week of HACCP oven readings (one deviation, with its NCR), customers with dispatch rules and
 * sales orders in every state with pallets, so that
 * tracing flour lot MS-2411-07 forward ends at three customers. Everything goes through the
 * API, so every rule of the server holds. Answers the login to print.
 */
export async function seedDemo(send: ApiTransport, options: { log?: (line: string) => void } = {}): Promise<DemoLogin> {
  const log = options.log ?? (() => undefined);
  const client = new DemoClient(send);
  const { email, organizationName, run } = await signUpBakery(client);
  log(`signed up ${organizationName} (${email})`);
  const day = daysFromToday(DEMO_TIME_ZONE);
  const staffEmail = (name: string) => `${name}${run === 1 ? '' : run}@${DEMO_DOMAIN}`;
  const data = await createMasterData(client, staffEmail, DEMO_PASSWORD);
  log(`created ${Object.keys(data.products).length} products, ${Object.keys(data.locations).length} locations, ${Object.keys(data.suppliers).length} suppliers, ${Object.keys(data.customers).length} customers`);
  await createRecipes(client, data, day);
  await createSpecifications(client, data);
  log('created the recipes (BOMs) and the specifications');
  const qa = await signIn(send, staffEmail('ewa'));
  const lines = await createLines(client, data, DEMO_PASSWORD);
  const story = await runBakery(client, data, day, lines, async () => {
    const { ncrNumber } = await inspectDeliveries({ warehouse: client, qa }, data, DEMO_PASSWORD, day);
    log(`inspected the flour deliveries (one failed: ${ncrNumber})`);
    return ncrNumber;
  });
  log('received goods, ran work orders on the mixing and oven lines and shipped bread');
  await recordOvenReadings(client, data, day);
  log('recorded a week of oven core temperatures (one deviation, with its NCR)');
  await runSales(client, data, day, { lines, releaseBaked: () => releaseBakedBread(qa, DEMO_PASSWORD) });
  log('took sales orders in every state, picked, palletised and shipped two of them');
  return { ...story, organizationName, email, password: DEMO_PASSWORD, name: 'Anna Kowalska', staffEmail: staffEmail('piotr') };
}
