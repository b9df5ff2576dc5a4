/** Strings of recall day: the header search, the trace page's lot search and report, holding many lots. Merged in i18n/index.ts under `recall`. */
export const recallEn = {
  search: {
    label: 'Search any code',
    placeholder: 'Search LP, lot, order, SSCC…',
    searching: 'Searching…',
    nothing: 'Nothing matches “{{q}}”',
    kind: {
      license_plate: 'License plate',
      lot: 'Lot',
      product: 'Product',
      work_order: 'Work order',
      purchase_order: 'Purchase order',
      sales_order: 'Sales order',
      sscc: 'Pallet (SSCC)',
    },
  },
  trace: {
    byPlate: 'By license plate or lot',
    byLot: 'By lot (product optional)',
    anyProduct: 'Any product',
    noMatch: 'No license plate or lot matches “{{q}}”.',
    noLot: 'No lot matches “{{lot}}”. Check the spelling, or search a part of it.',
    chooseLot: 'Several lots match “{{lot}}”: pick one.',
    reportPdf: 'Recall report (PDF)',
    reportCsv: 'Recall report (CSV)',
    held: 'On hold',
    notInPlant: 'not in the plant',
  },
  plates: {
    holdLots: 'Hold these lots',
    holdLotsTitle: 'Hold {{count}} lot(s)',
    holdLotsHint: 'Every license plate still in the plant of each lot listed is put on hold, with one reason: {{lots}}.',
    heldLots: '{{count}} lot(s) held: {{plates}} license plates on hold',
    searchPlaceholder: 'LP or lot (any part)',
  },
  customers: {
    contactName: 'Contact person',
  },
};
