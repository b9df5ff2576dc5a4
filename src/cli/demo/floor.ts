import type { Day, MasterData } from './master-data.js';
import type { DemoClient } from './transport.js';

// The bakery's floor: its two production lines (orders run on them, and an allergen changeover
// is signed between a gluten dough and the poppy-seed filling), and HACCP: the oven's core
// temperature with a week of readings and one deviation, which opened its NCR.

export interface DemoLines {
  /** Line id by code: MIX (doughs and fillings) and OVEN (baking). */
  ids: Record<'MIX' | 'OVEN', string>;
  /** The line a product's orders run on. */
  lineOf(productCode: string): string;
  /** A signed changeover check of a line (cleaning verified). */
  changeOver(line: 'MIX' | 'OVEN', note: string): Promise<void>;
}

export async function createLines(client: DemoClient, data: MasterData, password: string): Promise<DemoLines> {
  const { warehouseId } = await client.get<{ warehouseId: string }>(`/locations/${data.locations.MIX}`);
  const ids = {
    MIX: (await client.post('/lines', { code: 'MIX-1', name: 'Mixing line 1', warehouseId })).id as string,
    OVEN: (await client.post('/lines', { code: 'OVEN-1', name: 'Deck oven line', warehouseId })).id as string,
  };
  return {
    ids,
    lineOf: (code) => (code.startsWith('DOUGH') || code.startsWith('FILLING') ? ids.MIX : ids.OVEN),
    changeOver: async (line, note) => {
      await client.post(`/lines/${ids[line]}/changeovers`, { note, signature: { password, meaning: 'Cleaning verified' } });
    },
  };
}

/** Four readings a day: early in the morning, mid-morning, noon and afternoon (UTC hours, Warsaw time + 1). */
const READING_HOURS = [5, 8, 11, 14];

/**
 * The oven's CCP (core temperature at least 72 °C) with a week of readings, four a day, between
 * 75 and 93 °C, and one deviation three days ago (69.5 °C, an underbaked batch): its NCR is open.
 */
export async function recordOvenReadings(client: DemoClient, data: MasterData, day: Day): Promise<{ ccpId: string; deviationNcrId: string }> {
  const ccp = await client.post('/haccp/ccps', {
    code: 'CCP-1',
    name: 'Oven core temperature',
    hazard: 'Vegetative pathogens (Salmonella, Listeria) survive underbaking',
    unit: '°C',
    min: 72,
    locationId: data.locations.OVEN,
  });
  let deviationNcrId = '';
  for (let offset = -7; offset <= 0; offset++) {
    for (const [index, hour] of READING_HOURS.entries()) {
      const takenAt = new Date(`${day(offset)}T${String(hour).padStart(2, '0')}:${String(10 + index * 7).padStart(2, '0')}:00Z`);
      if (takenAt.getTime() > Date.now()) continue;
      const isDeviation = offset === -3 && index === 1;
      // Deterministic, believable spread: 75–93 °C.
      const value = isDeviation ? 69.5 : 75 + ((offset * 7 + index * 13 + 70) % 19);
      const note = isDeviation ? 'Batch KR underbaked: oven door left open during loading; batch held and re-baked' : undefined;
      const reading = await client.post(`/haccp/ccps/${ccp.id}/readings`, { value, takenAt: takenAt.toISOString(), ...(note ? { note } : {}) });
      if (isDeviation) deviationNcrId = reading.ncrId;
    }
  }
  return { ccpId: ccp.id, deviationNcrId };
}
