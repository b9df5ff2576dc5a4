// The floor's quality records as the API answers them (API.md "Quality and food safety").

export interface Hold {
  id: string;
  number: string;
  productId: string;
  lot: string;
  reason: string;
  includeDerived: boolean;
  status: 'open' | 'released';
  licensePlateCount: number;
  createdAt: string;
  releasedAt: string | null;
  releaseReason: string | null;
  licensePlateIds?: string[];
  releasedLicensePlateIds?: string[];
}

export interface Ccp {
  id: string;
  code: string;
  name: string;
  hazard: string;
  unit: string;
  min: number | null;
  max: number | null;
  locationId: string | null;
  active: boolean;
}

export interface CcpReading {
  id: string;
  ccpId: string;
  value: number;
  takenAt: string;
  note: string | null;
  withinLimits: boolean;
  ncrId: string | null;
}

export interface ProductionLine {
  id: string;
  code: string;
  name: string;
  warehouseId: string;
  active: boolean;
}

export interface Changeover {
  id: string;
  lineId: string;
  fromWorkOrderId: string | null;
  note: string | null;
  createdAt: string;
}

/** A signed action's body part: the caller's password again and what the signature means. */
export interface SignatureValues {
  password: string;
  meaning: string;
}

/** Whether a value lies within a CCP's limits (what the server decides in exact decimals; a preview only). */
export const isWithinLimits = (ccp: Pick<Ccp, 'min' | 'max'>, value: number) => (ccp.min === null || value >= ccp.min) && (ccp.max === null || value <= ccp.max);
